import type { ConsultationStore, HelloState } from '../consultations/store';

/**
 * What each `hello` stores (the new resume token's hash, and a first status), written for all the
 * sockets that said hello in one turn of the event loop in one statement: opening many sockets at
 * once (a restart's reconnects, a busy hour) costs a write per turn instead of one per socket. Each
 * caller still waits for its own row to be stored before it sends `welcome`, and learns of a failure.
 */
export class HelloWrites {
  private pending = new Map<string, HelloState>();
  private flushing: Promise<void> | undefined;

  constructor(private readonly store: Pick<ConsultationStore, 'recordHellos'>) {}

  write(state: HelloState): Promise<void> {
    const earlier = this.pending.get(state.id);
    // The same place twice in one turn (a second tab): the newest token counts, a first status stays.
    this.pending.set(state.id, earlier ? { ...state, status: state.status ?? earlier.status, admittedAt: state.admittedAt ?? earlier.admittedAt } : state);
    this.flushing ??= new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
      const states = [...this.pending.values()];
      this.pending = new Map();
      this.flushing = undefined;
      return this.store.recordHellos(states);
    });
    return this.flushing;
  }
}
