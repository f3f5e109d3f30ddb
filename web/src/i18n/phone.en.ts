import type { phoneDe } from './phone.de';

/** Phones and Safari's rules in the room (web/src/room/CallNotices.tsx, autoplay.ts, mediaStart.ts). */
export const phoneEn: Record<keyof typeof phoneDe, string> = {
  startMedia: 'Turn on camera and microphone',
  startMicrophone: 'Turn on microphone',
  startMediaHint: 'Your browser will then ask whether this page may use your camera and microphone.',
  mutedUntilTap: 'Sound is off until you tap the page once.',
  tapToHear: 'Tap to hear',
  switchCamera: 'Switch camera',
  facingUser: 'Now: front camera',
  facingEnvironment: 'Now: back camera',
  cameraPaused: 'Camera paused',
  cameraPausedBackground: 'Camera paused – the page is in the background.',
  cameraPausedInterrupted: 'Camera paused – the device interrupted it.',
  selfCameraInterrupted: 'Your device interrupted the camera (is another app using it?). The others see “Camera paused” until your picture is back.',
  microphoneMuted: 'Your microphone is being used by the phone, for example for a call. You will be heard again as soon as it is free.',
  microphoneEnded: 'Your device ended the microphone, for example because of a call. Tap “Turn microphone on” to use it again.',
};
