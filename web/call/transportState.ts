export type TransportState = 'closed' | 'failed' | 'disconnected' | 'connected' | 'connecting' | 'new';

/** A peer connection's transport, from connectionState and iceConnectionState (older Safari lacks the former). */
export function transportState(pc: Pick<RTCPeerConnection, 'iceConnectionState' | 'connectionState'>): TransportState {
  const ice = pc.iceConnectionState;
  const connection = pc.connectionState as RTCPeerConnectionState | undefined;
  const either = (state: string) => connection === state || ice === state;
  if (either('closed')) return 'closed';
  if (either('failed')) return 'failed';
  if (either('disconnected')) return 'disconnected';
  if (connection === 'connected' || (connection === undefined && (ice === 'connected' || ice === 'completed'))) {
    return 'connected';
  }
  if (connection === 'connecting' || ice === 'checking') return 'connecting';
  return 'new';
}
