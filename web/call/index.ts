/**
 * The browser call engine (no React): signaling client, peer links with perfect negotiation, the
 * call session orchestrating a full mesh, chat and files over data channels, statistics and the chat
 * PDF. See CallSession for the entry point and types.ts for the snapshot a view renders.
 */
export { CallSession, type CallSessionOptions } from './CallSession';
export { createBrowserCallSession } from './browser';
export type { CallError, CallSnapshot, CallState, EndReason, ParticipantView, SelfView } from './types';
export { SignalingClient, signalingUrl, backoffDelay, type SignalingState, type SignalingCloseInfo } from './SignalingClient';
export { PeerLink, isPolite, type PeerLinkState, type TrackSlot } from './PeerLink';
export { DataChannelHub, MAX_CHAT_TEXT_LENGTH, type ChatMessage, type SendFileResult } from './DataChannelHub';
export { MAX_FILE_BYTES, FILE_CHUNK_BYTES, SAFE_INLINE_TYPES, type FileTransfer, type TransferState, type TransferError } from './files';
export { LocalMedia, classifyMediaError, type MediaErrorKind, type DeviceInfo, type LocalMediaSnapshot } from './LocalMedia';
export { canSwitchFacing, mirrorsSelfView, runningFacing, type Facing } from './cameraFacing';
export { cameraPauseReason, type CameraPause, type InterruptionsSnapshot } from './interruptions';
export { StatsSampler, QUALITY_THRESHOLDS, classify as classifyQuality, type LinkStats, type Quality } from './stats';
export { LEVELS, LEVEL_ENCODING, BANDWIDTH_MODES, type VideoLevel, type BandwidthMode } from './adaptation';
export type { AdaptationSnapshot, LinkAdaptationView } from './VideoAdaptation';
export { safetyDigits, safetyWords } from './safetyCode';
export { SAFETY_WORDS_DE, SAFETY_WORDS_EN } from './safetyWords';
export type { SafetyCodeView } from './SafetyCodes';
export { chatPdf, chatPdfBytes, type ChatPdfInput, type ChatPdfLabels } from './chatPdf';
export { fetchIceConfiguration, resolveIceConfiguration } from './iceConfig';
export { consoleLogger, silentLogger, type Logger } from './logger';
export { assessNetwork, type NetworkAssessment, type NetworkVerdict } from './networkCheck';
export { probeNetwork, type NetworkProbeResult } from './networkProbe';
