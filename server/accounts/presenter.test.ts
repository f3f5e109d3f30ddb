import { describe, expect, it } from 'vitest';
import { presentAbilities } from './presenter';
import type { AccountRow } from './store';

const person = (kind: AccountRow['kind'], organizationRole: AccountRow['organizationRole']) =>
  ({ kind, organizationRole, organizationId: kind === 'organization' ? 'org-1' : null, status: 'active' }) as AccountRow;

describe('abilities in the profile (the web app reads these, never the role)', () => {
  it('gives each kind of person what the named policies allow', () => {
    expect(presentAbilities(person('individual', null))).toEqual({
      holdsConsultations: true,
      organizesConsultations: false,
      managesMembers: false,
      seesColleagues: false,
    });
    expect(presentAbilities(person('organization', 'representative'))).toEqual({
      holdsConsultations: true,
      organizesConsultations: false,
      managesMembers: true,
      seesColleagues: true,
    });
    expect(presentAbilities(person('organization', 'member'))).toEqual({
      holdsConsultations: true,
      organizesConsultations: false,
      managesMembers: false,
      seesColleagues: true,
    });
    // The "second access" (Anlage 31b): organises, never takes part, rings no one.
    expect(presentAbilities(person('organization', 'staff'))).toEqual({
      holdsConsultations: false,
      organizesConsultations: true,
      managesMembers: false,
      seesColleagues: false,
    });
  });
});
