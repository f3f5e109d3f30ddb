import type { orgActivityDe } from './orgActivity.de';

export const orgActivityEn: { [K in keyof typeof orgActivityDe]: string } = {
  representativeIntro: 'As the representative you see the ended video appointments of every member of your organisation. Choose a member to see only theirs.',
  filterTitle: 'Filter',
  member: 'Member',
  allMembers: 'All members',
  unnamedMember: 'No name yet ({{email}})',
  membersFailed: 'The members could not be loaded; the list shows everyone.',
  localDays: 'Days are those of your time zone.',
  columnHost: 'Held by',
};
