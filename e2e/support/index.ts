export { SmtpCapture, type ReceivedMail } from '../../server/test-support/smtp';
export { FakeStripe, type StripeRequest } from '../../server/test-support/stripe';
export { FakeTwilio, type TwilioRequest } from '../../server/test-support/twilio';
export { launchChromium, chromiumArgs, chromiumPath, PHONES, TrackedPage, type CspViolation, type PhoneScreen, type WebSocketFrame } from './browser';
export { AppServer, freePort, reportServerOnFailure, repositoryRoot, type AppServerOptions } from './server';
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
  type GuestInput,
  type HostAccount,
  type InvitationView,
  type JoinView,
} from './api';
export { createOperator, downloadJson, operatorAppCode, signInOperator, registerIndividual, secretsIn, type OperatorLogin, type RegisteredPerson } from './people';
export { Coturn, freeUdpPort, stunBinding } from './coturn';
export {
  connectionsDecodingVideo,
  inboundStats,
  installProbes,
  maxFramesDecoded,
  mediaSummary,
  peerConnectionStates,
  probeScript,
  selectedPairs,
  type InboundSample,
  type MediaSummary,
  type SelectedPair,
} from './probes';
