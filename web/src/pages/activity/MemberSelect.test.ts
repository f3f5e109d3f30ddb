import { describe, expect, it } from 'vitest';
import type { MemberView } from '../../../../common/api/organizations';
import { activityMembers } from './MemberSelect';

const member = (id: string, role: MemberView['role'], status: MemberView['status']): MemberView => ({
  id,
  firstName: id,
  lastName: 'X',
  email: `${id}@example.org`,
  role,
  status,
  createdAt: '2026-01-01T00:00:00.000Z',
});

describe('members offered in the activity filter', () => {
  it('are those who can have held a consultation, deactivated ones included', () => {
    const all = [
      member('rep', 'representative', 'active'),
      member('doc', 'member', 'active'),
      member('gone', 'member', 'deactivated'),
      member('invited', 'member', 'invited'),
      member('desk', 'staff', 'active'),
    ];
    expect(activityMembers(all).map((item) => item.id)).toEqual(['rep', 'doc', 'gone']);
  });
});
