// @plenum/server — the HTTP + WebSocket adapter: serves the API and the browser application.
export { buildServer, startServer, type ServerOptions } from './server.ts';
export { STATUS_OF } from './errors.ts';
export { nodeEd25519 } from './node-ed25519.ts';
export { Mailer, describeSmtpUrl, type MailerOptions } from './mailer.ts';
export { createBallotVerifierPool, type BallotVerifierPool } from './ballot-workers.ts';
