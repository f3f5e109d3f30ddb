import type { BandwidthMode, CallMode } from '../../common/signaling';
import type { Digest } from './files';
import type { IceConfigurationSource } from './iceConfig';
import type { PageVisibility } from './interruptions';
import type { Logger } from './logger';
import type { PeerLinkOptions } from './PeerLink';
import type { SignalingClient } from './SignalingClient';

/** What a CallSession is built from: the signaling (a URL or a client) and, optionally, everything else. */
export interface CallSessionOptions {
  /** ws(s) URL of the signaling endpoint (see signalingUrl()); or pass a ready `signaling` client. */
  signalingUrl?: string;
  signaling?: SignalingClient;
  WebSocket?: typeof WebSocket;
  RTCPeerConnection?: typeof RTCPeerConnection;
  /** navigator.mediaDevices; leave out to join without camera and microphone. */
  mediaDevices?: MediaDevices;
  createMediaStream?: () => MediaStream;
  /** A configuration, or a loader called once this participant is admitted (TURN credentials). */
  iceConfiguration?: IceConfigurationSource;
  /** Force `iceTransportPolicy: 'relay'` whatever the configuration says (peers never see our IP). */
  relayOnly?: boolean;
  /** Usually `window`: its `online` event triggers a signaling reconnect and ICE restarts. */
  networkEvents?: Pick<EventTarget, 'addEventListener' | 'removeEventListener'>;
  logger?: Logger;
  /** Resume token from an earlier page load (kept in sessionStorage by the UI). */
  resumeToken?: string | null;
  audioConstraints?: MediaTrackConstraints;
  videoConstraints?: MediaTrackConstraints;
  statsIntervalMs?: number;
  peerLink?: Pick<PeerLinkOptions, 'disconnectedGraceMs' | 'restartTimeoutMs' | 'maxRestarts'>;
  digest?: Digest;
  /**
   * P-28: the call's mode as the page knows it before signaling (join view, consultation). `audio`
   * asks for the microphone only; the server's word (welcome, mode changes) follows.
   */
  mode?: CallMode;
  /** The low-bandwidth switch as remembered on this device (the UI keeps it in localStorage). */
  bandwidthMode?: BandwidthMode;
  /** Usually `document`: a phone's page going to the background pauses its camera (interruptions.ts). */
  visibility?: PageVisibility;
  /** Touch-first devices stop the camera while the page is hidden; desktops keep it running. */
  hiddenPausesCamera?: boolean;
}
