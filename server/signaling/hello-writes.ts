import type { ConsultationStore, HelloState } from '../consultations/store';
import { TurnBatch } from '../db/turn-batch';

/**
 * The same place twice in one batch (a second tab): the newest token counts, a first status stays.
 * In the order of each place's first hello.
 */
function merged(states: HelloState[]): HelloState[] {
  const byId = new Map<string, HelloState>();
  for (const state of states) {
    const earlier = byId.get(state.id);
    byId.set(state.id, earlier ? { ...state, status: state.status ?? earlier.status, admittedAt: state.admittedAt ?? earlier.admittedAt } : state);
  }
  return [...byId.values()];
}

/**
 * What each `hello` stores (the new resume token's hash, and a first status), written for all the
 * sockets that said hello in one turn of the event loop (and while the previous write ran) in one
 * statement ({@link TurnBatch}): opening many sockets at once (a restart's reconnects, a busy hour)
 * costs a write per batch instead of one per socket. Each caller still waits for its own row to be
 * stored before it sends `welcome`, and learns of a failure.
 */
export class HelloWrites {
  private readonly batch: TurnBatch<HelloState, undefined>;

  constructor(store: Pick<ConsultationStore, 'recordHellos'>) {
    this.batch = new TurnBatch(async (states: HelloState[]) => {
      await store.recordHellos(merged(states));
      return states.map(() => undefined);
    });
  }

  write(state: HelloState): Promise<void> {
    return this.batch.load(state);
  }
}
