import { emptyMediaState, type Participant } from '../../../common/signaling';

/** A participant as the server lists it: an online, admitted guest unless `extra` says otherwise. */
export const person = (id: string, extra: Partial<Participant> = {}): Participant => ({
  id,
  displayName: `Name ${id}`,
  role: 'guest',
  status: 'admitted',
  online: true,
  media: emptyMediaState,
  ...extra,
});
