/**
 * The browser call engine (no React): signaling client, peer links with perfect negotiation, the
 * call session orchestrating a full mesh, chat and files over data channels, statistics and the chat
 * PDF. See CallSession for the entry point and types.ts for the snapshot a view renders.
 */
export { CallSession, type CallSessionOptions } from './CallSession';
export { createBrowserCallSession } from './browser';
export type { CallError, CallSnapshot, EndReason, ParticipantView, SelfView } from './types';
export { signalingUrl } from './SignalingClient';
export { MAX_CHAT_TEXT_LENGTH, type ChatMessage } from './DataChannelHub';
export { MAX_FILE_BYTES, type FileTransfer } from './files';
export { type MediaErrorKind, type DeviceInfo, type LocalMediaSnapshot } from './LocalMedia';
export { canSwitchFacing, mirrorsSelfView, runningFacing } from './cameraFacing';
export { type LinkStats, type Quality } from './stats';
export { BANDWIDTH_MODES, type BandwidthMode } from './adaptation';
export { safetyDigits, safetyWords } from './safetyCode';
export { SAFETY_WORDS_DE, SAFETY_WORDS_EN } from './safetyWords';
export { fetchIceConfiguration } from './iceConfig';
export { assessNetwork, type NetworkAssessment } from './networkCheck';
export { probeNetwork } from './networkProbe';
