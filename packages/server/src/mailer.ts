import { createTransport, type Mail } from 'nodemailer';
import type { Plenum, QueuedMail, StoragePort } from '@plenum/app';

/**
 * The SMTP adapter of e-mail circulation. Plenum plans the mail (packages/app/src/mail.ts:
 * one message per recipient with an address, queued in the outbox with the mail cursor in one
 * transaction); this sends it with nodemailer, after every append and on a timer, and records
 * what became of each message: sent (with the server's message id), failed for now (tried
 * again later, with backoff) or given up (after `maxAttempts`, or at once when the server
 * refuses the recipient for good), keeping the server's last reply. The record is never
 * touched: the delivery it made (platform.circulated, letter.delivered) stands whatever e-mail
 * does. The SMTP URL's password appears in no log and no error.
 */
export interface MailerOptions {
  /** smtp://[user:password@]host[:port] or smtps://… (nodemailer's connection URL). */
  readonly smtpUrl: string;
  /** The address messages are sent from. */
  readonly from: string;
  /** Attempts before a message is given up (5 by default). */
  readonly maxAttempts?: number;
  /** The wait before attempt n + 1 after n failed, in ms (1 min × 5^(n−1) by default: 1, 5, 25, 125 min). */
  readonly backoff?: (failedAttempts: number) => number;
  /** How often the outbox is looked at besides after each append, in ms (30 s by default). */
  readonly intervalMs?: number;
  /** SMTP connection, greeting and socket timeouts, in ms (20 s by default). */
  readonly timeoutMs?: number;
}

/** What the mailer logs through (the server's pino logger). */
export interface MailerLog {
  info(object: object, message: string): void;
  warn(object: object, message: string): void;
  error(object: object, message: string): void;
}

const DEFAULT_ATTEMPTS = 5;
const DEFAULT_INTERVAL_MS = 30_000;
const DEFAULT_TIMEOUT_MS = 20_000;
/** Messages sent per look at the outbox (the next round takes the rest at once). */
const BATCH = 50;

export const defaultBackoff = (failedAttempts: number): number => 60_000 * 5 ** Math.max(0, failedAttempts - 1);

export class Mailer {
  readonly #plenum: Plenum;
  readonly #storage: StoragePort;
  readonly #options: MailerOptions;
  readonly #log: MailerLog;
  readonly #clock: () => Date;
  readonly #transport: Mail;
  readonly #secrets: readonly string[];
  #unsubscribe: (() => void) | undefined;
  #timer: ReturnType<typeof setInterval> | undefined;
  /** The round under way, and whether another was asked for while it ran. */
  #running: Promise<void> | undefined;
  #again = false;
  #stopped = false;

  constructor(plenum: Plenum, options: MailerOptions, log: MailerLog, clock: () => Date = () => new Date()) {
    this.#plenum = plenum;
    this.#storage = plenum.storage;
    this.#options = options;
    this.#log = log;
    this.#clock = clock;
    this.#secrets = secretsOf(options.smtpUrl);
    const timeout = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.#transport = createTransport({
      url: options.smtpUrl,
      connectionTimeout: timeout,
      greetingTimeout: timeout,
      socketTimeout: timeout,
    });
  }

  /** Plans and sends now, then after every append and every interval, until stop(). */
  start(): void {
    this.#unsubscribe = this.#plenum.subscribe(() => {
      void this.run();
    });
    this.#timer = setInterval(() => {
      void this.run();
    }, this.#options.intervalMs ?? DEFAULT_INTERVAL_MS);
    this.#timer.unref();
    void this.run();
  }

  /** Stops the timer and the listener, waits for the round under way, and closes the connection. */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.#unsubscribe?.();
    if (this.#timer !== undefined) clearInterval(this.#timer);
    await this.#running;
    this.#transport.close();
  }

  /**
   * One round: the events since the mail cursor become messages, then every message due is
   * sent. Rounds never overlap: one asked for during another runs right after it.
   */
  run(): Promise<void> {
    if (this.#running !== undefined) {
      this.#again = true;
      return this.#running;
    }
    const round = async (): Promise<void> => {
      do {
        this.#again = false;
        if (this.#stopped) return;
        try {
          await this.#plenum.planMail();
          await this.#drain();
        } catch (error) {
          this.#log.error({ err: this.#redact(describe(error)) }, 'e-mail round failed');
        }
      } while (this.#askedAgain());
    };
    this.#running = round().finally(() => {
      this.#running = undefined;
    });
    return this.#running;
  }

  /** Whether another round was asked for while this one ran (set by run(), meanwhile). */
  #askedAgain(): boolean {
    return this.#again;
  }

  async #drain(): Promise<void> {
    for (;;) {
      if (this.#stopped) return;
      const due = await this.#storage.pendingMail(BATCH, this.#clock().toISOString());
      if (due.length === 0) return;
      for (const message of due) {
        const reachable = await this.#send(message);
        // The server cannot be reached: the rest wait for the next round, untried.
        if (!reachable) return;
      }
    }
  }

  /** Sends one message and records the outcome; false when the server could not be reached at all. */
  async #send(message: QueuedMail): Promise<boolean> {
    const attempt = message.attempts + 1;
    const at = this.#clock().toISOString();
    try {
      const info = await this.#transport.sendMail({
        from: this.#options.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        headers: { 'Auto-Submitted': 'auto-generated', 'X-Plenum-Item': message.ref },
      });
      await this.#storage.markMail(message.id, { kind: 'sent', messageId: info.messageId, at });
      this.#log.info({ ref: message.ref, memberId: message.memberId, attempt }, 'e-mail sent');
      return true;
    } catch (error) {
      const text = this.#redact(describe(error));
      const refused = isRecipientRefused(error);
      const maxAttempts = this.#options.maxAttempts ?? DEFAULT_ATTEMPTS;
      const fields = { ref: message.ref, memberId: message.memberId, attempt, error: text };
      if (refused || attempt >= maxAttempts) {
        await this.#storage.markMail(message.id, { kind: 'gaveUp', error: text, at });
        this.#log.error(fields, 'e-mail given up');
      } else {
        const wait = (this.#options.backoff ?? defaultBackoff)(attempt);
        const retryAt = new Date(this.#clock().getTime() + wait).toISOString();
        await this.#storage.markMail(message.id, { kind: 'retry', error: text, at, retryAt });
        this.#log.warn({ ...fields, retryAt }, 'e-mail failed; will try again');
      }
      return refused || !isConnectionError(error);
    }
  }

  /** The text with the SMTP URL's credentials masked. */
  #redact(text: string): string {
    return redactSecrets(text, this.#secrets);
  }
}

/** The SMTP URL's password (as written and decoded), to mask wherever it could appear. */
function secretsOf(smtpUrl: string): string[] {
  try {
    const url = new URL(smtpUrl);
    const secrets = [url.password, safeDecode(url.password)].filter((s) => s.length > 0);
    return [...new Set(secrets)];
  } catch {
    return [];
  }
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) out = out.split(secret).join('***');
  return out;
}

/** The SMTP URL as it may be shown: scheme, host and port, never the user or password. */
export function describeSmtpUrl(smtpUrl: string): string {
  const url = new URL(smtpUrl);
  return `${url.protocol}//${url.host}`;
}

interface SmtpError {
  readonly code?: unknown;
  readonly command?: unknown;
  readonly response?: unknown;
  readonly responseCode?: unknown;
  readonly permanent?: unknown;
  readonly message?: unknown;
}

/** The server's reply when there is one (e.g. "550 5.1.1 No such user"), else the error's code and message. */
function describe(error: unknown): string {
  const e = (typeof error === 'object' && error !== null ? error : {}) as SmtpError;
  if (typeof e.response === 'string' && e.response.length > 0) {
    return typeof e.command === 'string' ? `${e.command}: ${e.response}` : e.response;
  }
  const message = typeof e.message === 'string' ? e.message : String(error);
  return typeof e.code === 'string' ? `${e.code}: ${message}` : message;
}

/** The server refused the recipient for good (5xx to RCPT TO): trying again would not help. */
function isRecipientRefused(error: unknown): boolean {
  const e = (typeof error === 'object' && error !== null ? error : {}) as SmtpError;
  return e.command === 'RCPT TO' && typeof e.responseCode === 'number' && e.responseCode >= 500;
}

/** No conversation with the server at all (refused, timed out, TLS, login): every message would fail alike. */
function isConnectionError(error: unknown): boolean {
  const e = (typeof error === 'object' && error !== null ? error : {}) as SmtpError;
  return ['ECONNECTION', 'ESOCKET', 'ETIMEDOUT', 'EDNS', 'ETLS', 'EAUTH', 'EPROTOCOL'].includes(String(e.code));
}
