export { SmtpCapture, type ReceivedMail } from '../../server/test-support/smtp';
export { launchChromium, chromiumArgs, chromiumPath, TrackedPage, type CspViolation } from './browser';
export { AppServer, freePort, reportServerOnFailure, repositoryRoot, type AppServerOptions } from './server';
