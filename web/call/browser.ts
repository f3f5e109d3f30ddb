import { CallSession, type CallSessionOptions } from './CallSession';
import { consoleLogger, type LogLevel } from './logger';
import { signalingUrl } from './SignalingClient';

/**
 * Convenience for a page: a CallSession wired to this window (same-origin signaling URL, the
 * browser's WebSocket, RTCPeerConnection and mediaDevices, `online` events, console logging).
 * Debug logging of every state transition: `localStorage.setItem('sprechzimmer:debug', '1')`.
 * Everything can still be overridden; the engine itself never touches `window`.
 */
export function createBrowserCallSession(options: Partial<CallSessionOptions> = {}): CallSession {
  let level: LogLevel = 'info';
  try {
    if (window.localStorage.getItem('sprechzimmer:debug')) level = 'debug';
  } catch {
    // storage blocked: keep info
  }
  return new CallSession({
    signalingUrl: signalingUrl(window.location),
    WebSocket: window.WebSocket,
    RTCPeerConnection: window.RTCPeerConnection,
    mediaDevices: navigator.mediaDevices,
    createMediaStream: () => new MediaStream(),
    networkEvents: window,
    visibility: document,
    // Touch-first devices (phones, tablets) stop the camera while the page is hidden; desktops do not.
    hiddenPausesCamera: typeof window.matchMedia === 'function' && window.matchMedia('(hover: none) and (pointer: coarse)').matches,
    logger: consoleLogger('call', level),
    ...options,
  });
}
