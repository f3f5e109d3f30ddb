import { Room, type Member } from './room';
import type { SignalingStore } from './store';

/**
 * The rooms this process is home to, by consultation id. A room is loaded from the database when a
 * process meets a consultation it does not hold (after a restart); concurrent joins share one load.
 */
export class Rooms {
  private readonly rooms = new Map<string, Room>();
  private readonly loading = new Map<string, Promise<Room>>();
  constructor(
    private readonly store: Pick<SignalingStore, 'roomState'>,
    /** Called for each admitted member a loaded room holds as away, to start its resume grace period. */
    private readonly awaitReturn: (room: Room, member: Member) => void,
  ) {}

  get(consultationId: string): Room | undefined {
    return this.rooms.get(consultationId);
  }

  values(): IterableIterator<Room> {
    return this.rooms.values();
  }

  delete(consultationId: string): void {
    this.rooms.delete(consultationId);
  }

  clear(): void {
    this.rooms.clear();
  }

  /**
   * The room of a consultation; a process that starts without it (after a restart) loads everyone
   * who was admitted as away, with the resume grace period, so the first client back still sees its
   * peers and keeps its peer connections to them instead of tearing them down. `knownEmpty`, read at
   * the upgrade when nobody could resume a place, spares that read: the room starts empty.
   */
  of(consultationId: string, knownEmpty?: { callMode: Room['mode'] }): Promise<Room> {
    const existing = this.rooms.get(consultationId);
    if (existing) return Promise.resolve(existing);
    let loading = this.loading.get(consultationId);
    if (!loading && knownEmpty) {
      const room = new Room(consultationId, knownEmpty.callMode);
      this.rooms.set(consultationId, room);
      return Promise.resolve(room);
    }
    if (!loading) {
      loading = this.load(consultationId).finally(() => this.loading.delete(consultationId));
      this.loading.set(consultationId, loading);
    }
    return loading;
  }

  private async load(consultationId: string): Promise<Room> {
    // Only who had a socket (a resume token) was in the call: a colleague who answered but has not
    // connected yet would otherwise show up as "away", and offers sent to that place would be lost.
    const state = await this.store.roomState(consultationId);
    const room = new Room(consultationId, state?.callMode ?? 'video');
    for (const { participant, invitedName } of state?.admitted ?? []) {
      const member = room.upsert({
        participantId: participant.id,
        role: participant.role,
        displayName: participant.displayName ?? '',
        invitedName,
        status: 'admitted',
        connection: undefined,
      });
      this.awaitReturn(room, member);
    }
    this.rooms.set(consultationId, room);
    return room;
  }

  dropIfEmpty(room: Room): void {
    if (room.isEmpty) this.rooms.delete(room.consultationId);
  }

  /** The consultations whose rooms live on this process. */
  ids(): string[] {
    return [...this.rooms.keys()];
  }

  /**
   * For tests and the metrics, nothing that names anyone: the rooms this process is home to, the
   * members connected to them (own and relayed sockets: each room has one home, so the sum over
   * processes counts every socket once) and the guests among them who wait.
   */
  stats(): { rooms: number; connected: number; waitingGuests: number } {
    let connected = 0;
    let waitingGuests = 0;
    for (const room of this.rooms.values()) {
      for (const member of room.members.values()) {
        if (!member.connection) continue;
        connected += 1;
        if (member.status === 'waiting') waitingGuests += 1;
      }
    }
    return { rooms: this.rooms.size, connected, waitingGuests };
  }
}
