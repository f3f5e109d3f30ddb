import type { ServerMessageInput } from '../../common/signaling';

/**
 * Where a message for a participant goes. Every delivery passes through the bus, so that several
 * server processes can later share rooms (a Redis implementation publishes to the other nodes);
 * the in-process bus delivers to this process only.
 */
export interface Delivery {
  consultationId: string;
  participantId: string;
  message: ServerMessageInput;
  /** Close the participant's socket after delivering, with this code. */
  close?: { code: number; reason: string };
}

export interface SignalingBus {
  publish(delivery: Delivery): void;
  subscribe(handler: (delivery: Delivery) => void): () => void;
  close(): Promise<void>;
}

export class InProcessBus implements SignalingBus {
  private readonly handlers = new Set<(delivery: Delivery) => void>();

  publish(delivery: Delivery): void {
    for (const handler of this.handlers) handler(delivery);
  }

  subscribe(handler: (delivery: Delivery) => void): () => void {
    this.handlers.add(handler);
    return () => this.handlers.delete(handler);
  }

  async close(): Promise<void> {
    this.handlers.clear();
  }
}
