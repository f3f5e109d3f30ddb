/** The organisation's activity (P-14): the representative filters by member; days are the user's own. */
export const orgActivityDe = {
  representativeIntro:
    'Als Vertretung sehen Sie die beendeten Videotermine aller Mitglieder Ihrer Organisation. Wählen Sie ein Mitglied, um nur dessen Termine zu sehen.',
  filterTitle: 'Filtern',
  member: 'Mitglied',
  allMembers: 'Alle Mitglieder',
  unnamedMember: 'Noch ohne Namen ({{email}})',
  membersFailed: 'Die Mitglieder konnten nicht geladen werden; die Liste zeigt alle.',
  localDays: 'Die Tage gelten in Ihrer Zeitzone.',
  columnHost: 'Durchgeführt von',
};
