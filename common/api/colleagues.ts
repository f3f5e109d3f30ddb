import { z } from 'zod';
import { colleague } from '../presence';

export const colleagueList = z.object({ colleagues: z.array(colleague) });
export type ColleagueList = z.infer<typeof colleagueList>;

export const colleagueCallRequest = z.strictObject({ colleagueId: z.uuid() });
export const colleagueCallParams = z.strictObject({ callId: z.uuid() });

/** A ringing (or answered) colleague call: the consultation both join, and the callee's place in it. */
export const colleagueCallView = z.object({
  callId: z.string(),
  consultationId: z.string(),
});
export type ColleagueCallView = z.infer<typeof colleagueCallView>;
