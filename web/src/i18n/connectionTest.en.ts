import type { connectionTestDe } from './connectionTest.de';

/** The connection test before an appointment and on the dashboard (issue 9 §5). */
export const connectionTestEn: typeof connectionTestDe = {
  title: 'Test your connection',
  joinIntro:
    'You can check now whether your camera, microphone, speaker and internet connection work for the consultation. Nobody sees or hears you while you test.',
  dashboardIntro: 'Before your consultations, check your camera, microphone, speaker and whether your network allows video calls.',
  start: 'Test my connection now',
  close: 'End the test',
  loading: 'Preparing the test …',
  failed: 'The test could not be started.',
  devicesTitle: 'Camera, microphone and speaker',
  networkTitle: 'Internet connection',
  networkIntro: 'Checks whether a call can be connected from your network. This takes a few seconds.',
  networkStart: 'Test the internet connection',
  networkRetry: 'Test again',
  networkRunning: 'Checking your internet connection …',
  unsupported: 'This browser cannot make video calls. Please use a current browser such as Firefox, Chrome, Edge or Safari.',
  verdict: {
    works: {
      title: 'Works',
      text: 'Your internet connection is suitable for the video consultation.',
    },
    'relay-only': {
      title: 'Works only through our relay',
      text: 'Your network does not allow a direct connection. The call then runs encrypted through our server and still works.',
    },
    'direct-only': {
      title: 'Works in most cases',
      text: 'Our relay server cannot be reached from your network. Most calls still work; if the other person is behind a strict firewall, the connection may fail.',
    },
    blocked: {
      title: 'Blocked — try another network',
      text: 'No call can be connected from this network. Switch, for example, from a company or guest Wi-Fi to mobile data or your Wi-Fi at home, and test again.',
    },
    untested: {
      title: 'Not tested',
      text: 'This server has no connection server set up, so the network cannot be tested here.',
    },
  },
  roundTrip: 'Response time through our server: {{ms}} ms',
  details: 'Details',
  direct: 'Direct connection possible',
  relay: 'Connection through our server',
  yes: 'yes',
  no: 'no',
  helpLink: 'Help with connection problems',
};
