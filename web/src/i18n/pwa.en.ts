import type { pwaDe } from './pwa.de';

export const pwaEn: typeof pwaDe = {
  offlineTitle: 'You are offline — your call needs a connection',
  offlineText: 'Sprechzimmer has started but cannot reach the server. Please check Wi-Fi or mobile data, then try again.',
  updateReady: 'A new version of Sprechzimmer is ready. It will be used the next time you start it.',
  updateNow: 'Update now',
  updateLater: 'Close this note',
};
