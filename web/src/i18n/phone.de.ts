/** Phones and Safari's rules in the room (web/src/room/CallNotices.tsx, autoplay.ts, mediaStart.ts). */
export const phoneDe = {
  startMedia: 'Kamera und Mikrofon einschalten',
  startMicrophone: 'Mikrofon einschalten',
  startMediaHint: 'Ihr Browser fragt dann, ob diese Seite Kamera und Mikrofon verwenden darf.',
  mutedUntilTap: 'Der Ton ist aus, bis Sie einmal auf die Seite tippen.',
  tapToHear: 'Tippen, um zu hören',
  switchCamera: 'Kamera wechseln',
  facingUser: 'Jetzt: Frontkamera',
  facingEnvironment: 'Jetzt: Rückkamera',
  cameraPaused: 'Kamera pausiert',
  cameraPausedBackground: 'Kamera pausiert – die Seite ist gerade im Hintergrund.',
  cameraPausedInterrupted: 'Kamera pausiert – das Gerät hat sie unterbrochen.',
  selfCameraInterrupted:
    'Ihr Gerät hat die Kamera unterbrochen (verwendet sie eine andere App?). Die anderen sehen „Kamera pausiert“, bis das Bild zurück ist.',
  microphoneMuted: 'Ihr Mikrofon wird gerade vom Telefon verwendet, zum Beispiel für einen Anruf. Sobald es wieder frei ist, hört man Sie wieder.',
  microphoneEnded: 'Ihr Gerät hat das Mikrofon beendet, zum Beispiel wegen eines Anrufs. Tippen Sie auf „Mikrofon einschalten“, um es wieder zu verwenden.',
};
