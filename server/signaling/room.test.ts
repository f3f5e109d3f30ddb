import { describe, expect, it } from 'vitest';
import { MAX_PARTICIPANTS } from '../../common/signaling';
import { Room } from './room';

function roomWith(members: { id: string; role: 'host' | 'guest' | 'member'; status: 'waiting' | 'admitted' }[]): Room {
  const room = new Room('c1');
  for (const member of members) {
    room.upsert({ participantId: member.id, role: member.role, status: member.status, displayName: member.id, connection: undefined });
  }
  return room;
}

const ids = (room: Room, viewer: string) =>
  room
    .visibleTo(room.members.get(viewer)!)
    .map((member) => member.participantId)
    .sort();

describe('who sees whom in a room (P-16)', () => {
  const room = roomWith([
    { id: 'host', role: 'host', status: 'admitted' },
    { id: 'in1', role: 'guest', status: 'admitted' },
    { id: 'wait1', role: 'guest', status: 'waiting' },
    { id: 'wait2', role: 'guest', status: 'waiting' },
  ]);

  it('shows the host everyone, waiting room included', () => {
    expect(ids(room, 'host')).toEqual(['host', 'in1', 'wait1', 'wait2']);
  });

  it('shows an admitted guest the call, not the waiting room', () => {
    expect(ids(room, 'in1')).toEqual(['host', 'in1']);
  });

  it('shows a waiting guest only the host and itself', () => {
    expect(ids(room, 'wait1')).toEqual(['host', 'wait1']);
  });
});

describe('participant limit (P-13)', () => {
  it(`has room until ${MAX_PARTICIPANTS} are admitted; waiting guests do not count`, () => {
    const members = Array.from({ length: MAX_PARTICIPANTS - 1 }, (_, index) => ({ id: `g${index}`, role: 'guest' as const, status: 'admitted' as const }));
    const room = roomWith([...members, { id: 'w', role: 'guest', status: 'waiting' }]);
    expect(room.hasRoomForOneMore()).toBe(true);
    room.upsert({ participantId: 'last', role: 'guest', status: 'admitted', displayName: 'last', connection: undefined });
    expect(room.hasRoomForOneMore()).toBe(false);
  });
});

describe('membership', () => {
  it('keeps one entry per participant when it comes back, and keeps its media state', () => {
    const room = roomWith([{ id: 'g', role: 'guest', status: 'admitted' }]);
    room.members.get('g')!.media = { audio: true, video: false, screen: false, cameraStreamId: 's1', screenStreamId: null };
    room.upsert({ participantId: 'g', role: 'guest', status: 'admitted', displayName: 'g', connection: undefined });
    expect(room.members.size).toBe(1);
    expect(room.members.get('g')!.media.cameraStreamId).toBe('s1');
    room.remove('g');
    expect(room.isEmpty).toBe(true);
  });
});
