import { encodeServerMessage, type ServerMessage, type SignalingErrorCode } from '../../common/signaling';
import { describeMember, type Member, type Room } from './room';

/** What the hub and the waiting room say to members: one at a time, or to everyone who may see one. */

export function send(member: Member, message: ServerMessage): void {
  member.connection?.send(encodeServerMessage(message));
}

/** A message for a member, then optionally the end of its socket. */
export function tell(member: Member, message: ServerMessage, close?: { code: number; reason: string }): void {
  send(member, message);
  if (close) member.connection?.close(close.code, close.reason);
}

export function sendError(member: Member, code: SignalingErrorCode, message: string, ref?: string): void {
  send(member, { type: 'error', code, message, ...(ref ? { ref } : {}) });
}

/** Tells everyone who may see `member` about its arrival or change. */
export function announce(room: Room, member: Member, type: 'participant-joined' | 'participant-updated'): void {
  for (const other of room.members.values()) {
    if (other === member || !room.canSee(other, member)) continue;
    tell(other, { type, participant: describeMember(member, other) });
  }
}

export function broadcastLeft(room: Room, member: Member, reason: 'left' | 'removed' | 'declined' | 'timeout'): void {
  for (const other of room.members.values()) {
    if (other === member) continue;
    const couldSee = member.status === 'admitted' || other.role === 'host';
    if (couldSee) tell(other, { type: 'participant-left', participantId: member.participantId, reason });
  }
}
