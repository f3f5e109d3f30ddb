import * as z from 'zod';
import { guestInput } from './invitations';

/** A saved contact has the fields of an invited guest: a name and an e-mail and/or mobile number. */
export const contactInput = guestInput;

export const contactParams = z.strictObject({ contactId: z.uuid() });

export const contactView = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  createdAt: z.string(),
});
export type ContactView = z.infer<typeof contactView>;

export const contactList = z.object({ contacts: z.array(contactView) });
