import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import fastifyStatic from '@fastify/static';
import fastifyWebsocket from '@fastify/websocket';
import { createTranslator, negotiateLocale, type Translate } from '@plenum/i18n';
import type { Plenum } from '@plenum/app';
import { toProblem } from './errors.ts';
import { registerApi } from './routes.ts';
import { registerCommandRoutes } from './command-routes.ts';
import { registerCongressRoutes } from './congress-routes.ts';
import { registerBallotRoutes } from './ballot-routes.ts';
import { registerOpenApi } from './openapi.ts';
import { registerLive } from './live.ts';
import { registerLogRoutes } from './log-routes.ts';
import { Mailer, type MailerOptions } from './mailer.ts';

export interface ServerOptions {
  readonly plenum: Plenum;
  readonly version: string;
  /** Folder of the built browser application, or null to serve the API only. */
  readonly webRoot: string | null;
  /** pino level: 'info' by default; 'silent' in tests. */
  readonly logLevel?: string;
  /** Where structured (JSON) logs go; standard error by default, so stdout stays for people. */
  readonly logDestination?: NodeJS.WritableStream;
  /**
   * E-mail circulation through an SMTP server (PLENUM_SMTP_URL, PLENUM_MAIL_FROM): the plenum
   * must have been made with its mail settings. Without it, platforms and letters reach
   * members in the app only, and the queries say e-mail is not configured.
   */
  readonly mail?: MailerOptions;
}

/** Builds the HTTP + WebSocket server without listening: tests use `inject`. */
export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: {
      level: options.logLevel ?? 'info',
      // Secrets never reach the log: credentials and cookies are masked wherever they appear.
      redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
      stream: options.logDestination ?? process.stderr,
    },
    bodyLimit: 1024 * 1024,
    requestIdHeader: false,
  });

  app.decorateRequest('t', null as unknown as Translate);
  app.addHook('onRequest', (request, reply, done) => {
    request.t = createTranslator(negotiateLocale(request.headers['accept-language']));
    setSecurityHeaders(reply);
    done();
  });

  app.setErrorHandler((error, request, reply) => {
    const problem = toProblem(error, request.t, request.id);
    if (problem.status >= 500) request.log.error({ err: error }, 'request failed');
    return reply
      .code(problem.status)
      .send({ error: { code: problem.code, message: problem.message, requestId: request.id } });
  });

  await app.register(fastifyWebsocket, { options: { maxPayload: 64 * 1024 } });
  await registerRoutes(app, options);
  if (options.mail !== undefined) registerMailer(app, options.plenum, options.mail);
  return app;
}

/** Every route of the server, on an app that has the WebSocket plugin (tests list them). */
export async function registerRoutes(app: FastifyInstance, options: ServerOptions): Promise<void> {
  await registerApi(app, options);
  await registerCongressRoutes(app, options);
  await registerBallotRoutes(app, options);
  await registerCommandRoutes(app, options);
  await registerOpenApi(app, options);
  await registerLive(app, options);
  await registerLogRoutes(app, options);
  await registerWeb(app, options.webRoot);
}

/** Starts listening; the URL is the one to print (a browser can open it). */
export async function startServer(
  options: ServerOptions & { readonly host: string; readonly port: number },
): Promise<{ readonly url: string; readonly close: () => Promise<void> }> {
  const app = await buildServer(options);
  await app.listen({ host: options.host, port: options.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : options.port;
  const shownHost = options.host === '0.0.0.0' || options.host === '::' ? 'localhost' : options.host;
  return { url: `http://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${port}/`, close: () => app.close() };
}

/** The mailer runs while the server does: from ready (a first round at once) to close. */
function registerMailer(app: FastifyInstance, plenum: ServerOptions['plenum'], mail: MailerOptions): void {
  if (!plenum.mailConfigured) throw new Error('the server has an SMTP server, but the plenum no mail settings');
  const mailer = new Mailer(plenum, mail, app.log.child({ component: 'mail' }));
  app.addHook('onReady', (done) => {
    mailer.start();
    done();
  });
  app.addHook('onClose', async () => {
    await mailer.stop();
  });
}

async function registerWeb(app: FastifyInstance, webRoot: string | null): Promise<void> {
  const hasApp = webRoot !== null && existsSync(join(webRoot, 'index.html'));
  if (hasApp) await app.register(fastifyStatic, { root: webRoot, wildcard: false, index: 'index.html' });
  app.setNotFoundHandler((request: FastifyRequest, reply: FastifyReply) => {
    const path = request.url.split('?')[0] ?? '';
    if (hasApp && request.method === 'GET' && !path.startsWith('/api/') && !path.startsWith('/log/')) {
      // The browser application routes its own paths: every other GET gets its page.
      return reply.sendFile('index.html');
    }
    return reply.code(404).send({
      error: { code: 'not_found', message: request.t('error.notFound', { what: path }), requestId: request.id },
    });
  });
}

function setSecurityHeaders(reply: FastifyReply): void {
  reply.header('x-content-type-options', 'nosniff');
  reply.header('referrer-policy', 'no-referrer');
  reply.header('x-frame-options', 'DENY');
  reply.header(
    'content-security-policy',
    "default-src 'self'; connect-src 'self' ws: wss:; img-src 'self' data:; style-src 'self'; frame-ancestors 'none'; base-uri 'none'",
  );
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The translator for the language the client asked for (Accept-Language). */
    t: Translate;
  }
}
