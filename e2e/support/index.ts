export { SmtpCapture, type ReceivedMail } from '../../server/test-support/smtp';
export { FakeStripe } from '../../server/test-support/stripe';
export { FakeTwilio } from '../../server/test-support/twilio';
export { launchChromium, PHONES, TrackedPage, type PhoneScreen } from './browser';
export { AppServer, freePort, reportServerOnFailure } from './server';
export { chromiumSuite } from './suite';
export {
  Api,
  createConsultation,
  addColleague,
  createHost,
  createOrganization,
  HOST_PASSWORD,
  INVITATION_SUBJECT,
  invitationLink,
  linkToken,
  readyGuest,
  uniqueEmail,
  type ConsultationView,
  type HostAccount,
} from './api';
export { createOperator, downloadJson, signInOperator, registerIndividual, secretsIn, type RegisteredPerson } from './people';
export { Coturn } from './coturn';
export { connectionsDecodingVideo, inboundStats, installProbes, maxFramesDecoded, selectedPairs } from './probes';
