import * as z from 'zod';
import { colleague } from '../presence';
import { callMode } from '../signaling';

export const colleagueList = z.object({ colleagues: z.array(colleague), doNotDisturb: z.boolean() });

/** P-28: a colleague call can start audio-only; `video` when left out. */
export const colleagueCallRequest = z.strictObject({ colleagueId: z.uuid(), mode: callMode.optional() });
export const doNotDisturbRequest = z.strictObject({ on: z.boolean() });
export const doNotDisturbView = z.object({ doNotDisturb: z.boolean() });
export const colleagueCallParams = z.strictObject({ callId: z.uuid() });

/** A ringing (or answered) colleague call: the consultation both join, and the callee's place in it. */
export const colleagueCallView = z.object({
  callId: z.string(),
  consultationId: z.string(),
});
export type ColleagueCallView = z.infer<typeof colleagueCallView>;
