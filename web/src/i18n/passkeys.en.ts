import type { passkeysDe } from './passkeys.de';

/** Passkeys: the list in the profile, the sign-in with a passkey, the passkey as second factor (issue 12). */
export const passkeysEn: Record<keyof typeof passkeysDe, string> = {
  title: 'Passkeys',
  intro:
    'With a passkey you sign in without a password: your device (laptop, phone or security key) confirms it is you by fingerprint, face or PIN. A passkey also counts as the second factor after the password.',
  none: 'You have no passkey yet.',
  item: 'Added {{created}}, last used {{used}}',
  never: 'never used yet',
  name: 'Name of the passkey',
  nameHint: 'So you recognise it later, e.g. “Laptop” or “Security key”',
  add: 'Add a passkey',
  added: 'The passkey “{{name}}” is set up.',
  rename: 'Rename',
  renameSave: 'Save name',
  renamed: 'The passkey is now called “{{name}}”.',
  remove: 'Remove',
  removeTitle: 'Remove the passkey “{{name}}”',
  removeIntro: 'To be safe, we ask for your password again.',
  removeConfirm: 'Remove passkey',
  removed: 'The passkey “{{name}}” is removed.',
  cancel: 'Cancel',
  unsupported: 'This browser does not support passkeys.',
  cancelled: 'This was cancelled or timed out. Please try again.',
  signIn: 'Sign in with a passkey',
  signInHint: 'No password: your device asks for your fingerprint, face or PIN.',
  or: 'or',
  secondFactor: 'Confirm with a passkey',
  freshCheckIntro: 'To be safe, confirm this change with your passkey as well.',
  freshCheckDone: 'Confirmed with your passkey. You can go ahead now.',
  secondFactorIntro: 'Your password was right. Now confirm the sign-in with your passkey.',
};
