import { parsePresenceServerMessage, PRESENCE_PATH, type CallOutcome, type Colleague, type PresenceServerMessage } from '../../../common/presence';
import { backoffDelay, signalingUrl } from '../../call/SignalingClient';

interface IncomingCall {
  callId: string;
  consultationId: string;
  fromName: string;
  expiresAt: number;
}

/** A colleague who tried to call while this person was busy; shown silently once they are free. */
interface MissedWhileBusy {
  fromName: string;
  at: number;
}

export interface PresenceSnapshot {
  /** `open` once the colleague list arrived; `reconnecting` while a dropped socket is retried. */
  connection: 'connecting' | 'open' | 'reconnecting' | 'stopped';
  colleagues: Colleague[];
  /** Calls ringing for this person right now, oldest first. */
  incoming: IncomingCall[];
  /** This person's do-not-disturb switch, as the server keeps it (null until the socket told it). */
  doNotDisturb: boolean | null;
  /** Calls refused while busy (Anlage 31b), oldest first, until dismissed; kept in this page only. */
  missed: MissedWhileBusy[];
}

type Listener = () => void;
type OutcomeListener = (callId: string, outcome: CallOutcome) => void;

const PING_INTERVAL_MS = 20_000;
const BACKOFF = { initialMs: 1000, maxMs: 30_000, factor: 2 };
/** The server closes with this when the login session behind the socket ended: no point retrying. */
const SESSION_ENDED = 4001;

/**
 * The professional's presence socket (P-07), without React: colleague list with presence, calls
 * ringing for this person, and the outcome of calls (answered, declined, missed, cancelled).
 * Reconnects with back-off; a socket closed because the login ended stays closed.
 */
export class PresenceClient {
  private socket: WebSocket | undefined;
  private snapshot: PresenceSnapshot = { connection: 'connecting', colleagues: [], incoming: [], doNotDisturb: null, missed: [] };
  private readonly listeners = new Set<Listener>();
  private readonly outcomeListeners = new Set<OutcomeListener>();
  private attempt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private pingTimer: ReturnType<typeof setInterval> | undefined;
  private expiryTimer: ReturnType<typeof setInterval> | undefined;
  private stopped = false;

  constructor(
    /** The server closed the socket because the login ended (logout elsewhere, deactivation). */
    private readonly onSessionEnded: () => void = () => undefined,
    private readonly location: { protocol: string; host: string } = window.location,
  ) {}

  start(): void {
    this.stopped = false;
    this.open();
    // A ring the server's "missed" never reached (socket gone) still stops on time.
    this.expiryTimer = setInterval(() => this.dropExpired(Date.now()), 1000);
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    clearInterval(this.pingTimer);
    clearInterval(this.expiryTimer);
    this.socket?.close(1000, 'page closed');
    this.socket = undefined;
    this.update({ connection: 'stopped', incoming: [] });
  }

  getSnapshot = (): PresenceSnapshot => this.snapshot;

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  onCallEnded(listener: OutcomeListener): () => void {
    this.outcomeListeners.add(listener);
    return () => this.outcomeListeners.delete(listener);
  }

  /** The person read the "missed while you were busy" notices. */
  dismissMissed(): void {
    this.update({ missed: [] });
  }

  /** The person answered or declined in this tab: stop ringing here at once. */
  dismiss(callId: string): void {
    this.update({ incoming: this.snapshot.incoming.filter((call) => call.callId !== callId) });
  }

  private open(): void {
    const socket = new WebSocket(signalingUrl(this.location, PRESENCE_PATH));
    this.socket = socket;
    socket.addEventListener('message', (event) => {
      if (typeof event.data !== 'string') return;
      const message = parsePresenceServerMessage(event.data);
      if (message) this.handle(message);
    });
    socket.addEventListener('open', () => {
      this.attempt = 0;
      clearInterval(this.pingTimer);
      this.pingTimer = setInterval(() => socket.send(JSON.stringify({ type: 'ping' })), PING_INTERVAL_MS);
    });
    socket.addEventListener('close', (event) => {
      clearInterval(this.pingTimer);
      if (this.socket !== socket || this.stopped) return;
      this.socket = undefined;
      if (event.code === SESSION_ENDED) {
        this.update({ connection: 'stopped', incoming: [] });
        this.onSessionEnded();
        return;
      }
      this.update({ connection: 'reconnecting' });
      this.retryTimer = setTimeout(() => this.open(), backoffDelay(this.attempt++, BACKOFF, Math.random));
    });
  }

  private handle(message: PresenceServerMessage): void {
    switch (message.type) {
      case 'colleagues':
        return this.update({ connection: 'open', colleagues: message.colleagues });
      case 'presence':
        return this.update({
          colleagues: this.snapshot.colleagues.map((colleague) => (colleague.id === message.id ? { ...colleague, presence: message.presence } : colleague)),
        });
      case 'incoming-call': {
        const { type: _type, ...call } = message;
        return this.update({ incoming: [...this.snapshot.incoming.filter((known) => known.callId !== call.callId), call] });
      }
      case 'call-ended':
        this.dismiss(message.callId);
        for (const listener of this.outcomeListeners) listener(message.callId, message.outcome);
        return;
      case 'do-not-disturb':
        return this.update({ doNotDisturb: message.on });
      case 'missed-while-busy':
        return this.update({ missed: [...this.snapshot.missed, { fromName: message.fromName, at: message.at }] });
      case 'pong':
        return;
    }
  }

  private dropExpired(now: number): void {
    if (this.snapshot.incoming.some((call) => call.expiresAt <= now)) {
      this.update({ incoming: this.snapshot.incoming.filter((call) => call.expiresAt > now) });
    }
  }

  private update(changes: Partial<PresenceSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...changes };
    for (const listener of this.listeners) listener();
  }
}
