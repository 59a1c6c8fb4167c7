import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { SMTPServer, type SMTPServerAddress } from 'smtp-server';
import { letterList, memberInbox, platformDetail, type GovernanceCommandInput } from '@plenum/api';
import { Plenum, letterMailRef, platformMailRef, type StoragePort } from '@plenum/app';
import { demoActorSecret } from '@plenum/demo';
import { bodyMembers, type Actor, type GovernanceState } from '@plenum/domain';
import { ed25519Signer, generateSignerKey } from '@plenum/log';
import { nobleEd25519 } from '@plenum/record';
import { openSqliteStorage } from '@plenum/storage-sqlite';
import { buildServer } from './server.ts';
import { overHttp } from './test-support/over-http.ts';
import type { MailerOptions } from './mailer.ts';

/**
 * E-mail circulation end to end, with no mock: a real SMTP server (smtp-server, on
 * 127.0.0.1 and a free port) receives what the Plenum server sends through nodemailer, after
 * platforms and letters are filed through the signed HTTP commands on a real SQLite record
 * holding the demo organisation.
 */

const KEYS = generateSignerKey('plenum.test/mail', new Uint8Array(32).fill(7));
const LOG = { origin: 'plenum.test/mail', signer: ed25519Signer(KEYS.signerKey), verifierKey: KEYS.verifierKey };
const PASSWORD = 's3cret-Pa55';
const FROM = 'plenum@example.org';
const PUBLIC_URL = 'https://plenum.example.org/';
/** Days after the demo's last act (2026-04-04). */
const OPENED_ON = '2026-05-02';
const FILED_ON = '2026-05-03';
const LETTER_ON = '2026-05-04';

interface Received {
  readonly from: string;
  readonly to: readonly string[];
  readonly subject: string;
  readonly text: string;
}

/** A real SMTP server: refuses the recipients whose address begins with "refused", keeps the rest. */
class SmtpSink {
  readonly received: Received[] = [];
  readonly logins: string[] = [];
  server: SMTPServer | undefined;
  port = 0;

  async start(port = 0): Promise<void> {
    const server = new SMTPServer({
      disabledCommands: ['STARTTLS'],
      authOptional: true,
      logger: false,
      onAuth: (auth, _session, callback) => {
        this.logins.push(`${auth.username ?? ''}:${auth.password ?? ''}`);
        callback(null, { user: auth.username });
      },
      onRcptTo: (address: SMTPServerAddress, _session, callback) => {
        if (address.address.startsWith('refused')) {
          const error = Object.assign(new Error('5.1.1 No such mailbox here'), { responseCode: 550 });
          callback(error);
          return;
        }
        callback();
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          const mailFrom = session.envelope.mailFrom;
          this.received.push({
            from: mailFrom === false ? '' : mailFrom.address,
            to: session.envelope.rcptTo.map((r) => r.address),
            ...parseMessage(raw),
          });
          callback(null);
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    this.server = server;
    this.port = (server.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server !== undefined) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  get url(): string {
    return `smtp://plenum:${PASSWORD}@127.0.0.1:${this.port}`;
  }
}

/** The subject and the plain text of a message as nodemailer writes it (quoted-printable or 7bit). */
function parseMessage(raw: string): { subject: string; text: string } {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const body = raw.slice(split + 4);
  const subject = /^Subject: (.*)$/im.exec(head)?.[1] ?? '';
  const qp = /^Content-Transfer-Encoding: quoted-printable$/im.test(head);
  return { subject: decodeWords(subject), text: qp ? decodeQuotedPrintable(body) : body.replace(/\r\n/g, '\n') };
}

function decodeQuotedPrintable(text: string): string {
  const bytes: number[] = [];
  const soft = text.replace(/=\r\n/g, '');
  for (let i = 0; i < soft.length; i += 1) {
    const c = soft[i] ?? '';
    if (c === '=' && /^[0-9A-F]{2}$/i.test(soft.slice(i + 1, i + 3))) {
      bytes.push(parseInt(soft.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(c, 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8').replace(/\r\n/g, '\n');
}

/** RFC 2047 encoded words (=?UTF-8?Q?…?=), as nodemailer writes a subject that is not ASCII. */
function decodeWords(header: string): string {
  return header
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?UTF-8\?Q\?([^?]*)\?=/gi, (_, q: string) => decodeQuotedPrintable(q.replace(/_/g, ' ')));
}

async function until(check: () => boolean | Promise<boolean>, what: string, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

let dir: string;
let storage: StoragePort;
let sink: SmtpSink;
let logs: string;
const apps: FastifyInstance[] = [];

/** A Plenum server (inject) on the store, sending through `smtpUrl`: quick retries for the tests. */
async function server(
  smtpUrl: string,
  mail: Partial<MailerOptions> = {},
): Promise<{ app: FastifyInstance; plenum: Plenum }> {
  const plenum = new Plenum(storage, {
    log: LOG,
    signatures: nobleEd25519,
    mail: { locale: 'en', publicUrl: PUBLIC_URL },
  });
  const app = await buildServer({
    plenum,
    version: '0.0.0-test',
    webRoot: null,
    logLevel: 'info',
    logDestination: new Writable({
      write(chunk: Buffer, _encoding, done) {
        logs += chunk.toString();
        done();
      },
    }),
    mail: { smtpUrl, from: FROM, intervalMs: 50, backoff: () => 50, ...mail },
  });
  await app.ready();
  apps.push(app);
  return { app, plenum };
}

async function stopServers(): Promise<void> {
  for (const app of apps.splice(0)) await app.close();
}

/**
 * Over HTTP when the record binds the actor's key; otherwise its first act is signed here with
 * the demo's key for it (the server refuses a member with no key yet: Plenum
 * record.key-enrolment), which binds that key.
 */
async function act(app: FastifyInstance, plenum: Plenum, actor: Actor, command: GovernanceCommandInput): Promise<void> {
  const ref = actor.kind === 'founders' || actor.kind === 'voter' ? actor.kind : `${actor.kind}:${actor.id}`;
  if ((await storage.actorKeys()).has(ref as never)) {
    await overHttp(app, actor, command);
    return;
  }
  const result = await plenum.execute([{ by: plenum.localSigner(actor, demoActorSecret(actor)), command }]);
  expect(result.ok, JSON.stringify(result)).toBe(true);
}

async function getJson(app: FastifyInstance, url: string): Promise<unknown> {
  const response = await app.inject({ method: 'GET', url });
  expect(response.statusCode, `${url}: ${response.body}`).toBe(200);
  return response.json();
}

const member = (id: string): Actor => ({ kind: 'member', id });
const CC: Actor = { kind: 'body', id: 'central-committee' };

function membersOf(state: GovernanceState, unitId: string): string[] {
  return [...state.members.values()]
    .filter((m) => m.unitId === unitId && m.status === 'member')
    .map((m) => m.id)
    .sort();
}

/** Members whose key the record binds: they can sign over HTTP. */
async function enrolledMembers(state: GovernanceState): Promise<string[]> {
  const keys = await storage.actorKeys();
  return [...state.members.values()]
    .filter((m) => m.status === 'member' && keys.has(`member:${m.id}`))
    .map((m) => m.id)
    .sort();
}

/** Opens the discussion, drafts a platform and signs it until it is filed: over HTTP. */
async function filePlatform(
  app: FastifyInstance,
  plenum: Plenum,
  platformId: string,
  drafter: string,
  signers: readonly string[],
): Promise<void> {
  if (!(await storageState()).discussionOpen) await overHttp(app, CC, { type: 'openDiscussion', on: OPENED_ON });
  await act(app, plenum, member(drafter), {
    type: 'draftPlatform',
    platformId,
    title: 'Platform of the councils',
    text: 'All power to the councils.\nEvery delegate elected and recallable.',
    on: FILED_ON,
  });
  for (const signer of signers) {
    if ((await storageState()).bulletin.platforms.get(platformId)?.filed !== null) break;
    await act(app, plenum, member(signer), { type: 'signPlatform', platformId, on: FILED_ON });
  }
  expect((await storageState()).bulletin.platforms.get(platformId)?.filed).not.toBeNull();
}

async function storageState(): Promise<GovernanceState> {
  return new Plenum(storage, { log: LOG }).state();
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'plenum-mail-'));
  storage = await openSqliteStorage(join(dir, 'plenum.sqlite'));
  await new Plenum(storage, { log: LOG }).ensureDemo();
  sink = new SmtpSink();
  logs = '';
});

afterEach(async () => {
  await stopServers();
  await sink.stop();
  await storage.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('e-mail circulation over SMTP', () => {
  it('e-mails a platform filed over HTTP and a letter to a body to every recipient with an address; the queries count them', async () => {
    await sink.start();
    const { app, plenum } = await server(sink.url);
    const state = await storageState();
    // The platform's drafter and signers sign over HTTP: members whose key the record binds.
    const enrolled = await enrolledMembers(state);
    const ccMembers = bodyMembers(state, state.bodies.get('central-committee')!, LETTER_ON).sort();
    // Members in neither of those roles: they have the platform only.
    const berlin = membersOf(state, 'de-berlin').filter((id) => !enrolled.includes(id) && !ccMembers.includes(id));
    const drafter = enrolled.find((id) => !ccMembers.includes(id))!;
    const refused = berlin[1]!;
    const ccWithAddress = ccMembers.filter((id) => id !== drafter).slice(0, 2);
    const contacts = [
      { memberId: drafter, email: 'drafter@example.org' },
      { memberId: berlin[0]!, email: 'karl@example.org' },
      { memberId: refused, email: 'refused-clara@example.org' },
      ...ccWithAddress.map((id) => ({ memberId: id, email: `cc-${id}@example.org` })),
    ];
    await plenum.setContacts(contacts);

    await filePlatform(
      app,
      plenum,
      'mail-platform',
      drafter,
      enrolled.filter((id) => id !== drafter),
    );
    const letterWriter = membersOf(state, 'es-barcelona')[0]!;
    await act(app, plenum, member(letterWriter), {
      type: 'sendLetter',
      letterId: 'mail-letter',
      toBodyId: 'central-committee',
      title: 'On the date of the congress',
      text: 'Comrades, when will the congress be called?',
      on: LETTER_ON,
    });
    const eventsAfterCommands = await storage.eventCount();

    // Every member has the platform (in the app); those with an address by e-mail too, but the
    // one the SMTP server refuses. The letter goes to the committee members with an address.
    const platformTo = new Set(contacts.map((c) => c.email).filter((e) => !e.startsWith('refused')));
    const letterTo = new Set(ccWithAddress.map((id) => `cc-${id}@example.org`));
    const expected = platformTo.size + letterTo.size;
    await until(() => sink.received.length >= expected, `${expected} messages`);
    await pause(200);
    expect(sink.received).toHaveLength(expected);
    for (const m of sink.received) expect(m.to).toHaveLength(1);
    const platformMail = sink.received.filter((m) => m.subject.startsWith('Platform circulated'));
    const letterMail = sink.received.filter((m) => m.subject.startsWith('Letter to'));
    expect(new Set(platformMail.map((m) => m.to[0]))).toEqual(platformTo);
    expect(new Set(letterMail.map((m) => m.to[0]))).toEqual(letterTo);
    for (const m of platformMail) {
      expect(m.from).toBe(FROM);
      expect(m.subject).toBe('Platform circulated: Platform of the councils (version 1)');
      expect(m.text).toContain('All power to the councils.\nEvery delegate elected and recallable.');
      expect(m.text).toContain(`${PUBLIC_URL}api/platforms/mail-platform`);
    }
    for (const m of letterMail) {
      expect(m.subject).toBe(`Letter to ${state.bodies.get('central-committee')!.name}: On the date of the congress`);
      expect(m.text).toContain('Comrades, when will the congress be called?');
    }
    // The SMTP server was logged in to with the URL's credentials.
    expect(sink.logins[0]).toBe(`plenum:${PASSWORD}`);

    // The refused recipient: failed at once, the server's reply kept; the others sent.
    const ref = platformMailRef('mail-platform', 1);
    const failed = (await storage.mailOf(ref)).filter((m) => m.status === 'failed');
    expect(failed.map((m) => m.memberId)).toEqual([refused]);
    expect(failed[0]?.lastError).toMatch(/550.*No such mailbox here/);
    expect(failed[0]?.attempts).toBe(1);

    const recipients = (await storageState()).bulletin.platforms.get('mail-platform')!.circulations[0]!.recipients;
    const { platform } = platformDetail.parse(await getJson(app, '/api/platforms/mail-platform'));
    const counts = {
      configured: true,
      sent: platformTo.size,
      pending: 0,
      failed: 1,
      withoutAddress: recipients.length - platformTo.size - 1,
    };
    expect(platform.mail).toEqual(counts);
    expect(platform.circulations[0]?.mail).toEqual(counts);
    const letters = letterList.parse(await getJson(app, '/api/bodies/central-committee/letters'));
    expect(letters.letters.find((l) => l.id === 'mail-letter')?.mail).toEqual({
      configured: true,
      sent: letterTo.size,
      pending: 0,
      failed: 0,
      withoutAddress: ccMembers.length - letterTo.size,
    });
    // No response holds an address.
    for (const url of ['/api/platforms/mail-platform', '/api/bodies/central-committee/letters']) {
      expect((await app.inject({ method: 'GET', url })).body).not.toContain('@example.org');
    }
    // Each member's inbox says how the item went to them by e-mail.
    const inboxMail = async (id: string) =>
      memberInbox
        .parse(await getJson(app, `/api/members/${id}/inbox`))
        .items.map((i) => [i.kind === 'platform' ? i.platformId : i.letterId, i.mail]);
    expect(await inboxMail(drafter)).toEqual([['mail-platform', 'sent']]);
    expect(await inboxMail(refused)).toEqual([['mail-platform', 'failed']]);
    expect(await inboxMail(berlin[2]!)).toEqual([['mail-platform', 'none']]);
    expect(await inboxMail(ccWithAddress[0]!)).toEqual([
      ['mail-platform', 'sent'],
      ['mail-letter', 'sent'],
    ]);

    // The record is untouched: no event added by e-mail, no address in it.
    expect(await storage.eventCount()).toBe(eventsAfterCommands);
    const payloads = (await storage.readEvents(0, 100_000)).map((e) => e.payload).join('\n');
    expect(payloads).not.toContain('@example.org');
    // The password is in no log line.
    expect(logs).toContain('e-mail sent');
    expect(logs).not.toContain(PASSWORD);
  });

  it('keeps messages pending while the SMTP server is down, sends them when it is up, and never twice after a restart', async () => {
    // A free port, with nothing listening on it yet.
    await sink.start();
    const port = sink.port;
    await sink.stop();
    sink.port = port;

    const { app, plenum } = await server(sink.url, { backoff: () => 100 });
    const state = await storageState();
    const ccMembers = bodyMembers(state, state.bodies.get('central-committee')!, LETTER_ON).sort();
    const withAddress = ccMembers.slice(0, 3);
    await plenum.setContacts(withAddress.map((id) => ({ memberId: id, email: `cc-${id}@example.org` })));
    await act(app, plenum, member(membersOf(state, 'es-barcelona')[0]!), {
      type: 'sendLetter',
      letterId: 'letter-while-down',
      toBodyId: 'central-committee',
      title: 'Is anyone reading?',
      text: 'The mail server is down, but the record has delivered this letter.',
      on: LETTER_ON,
    });
    const eventsAfterCommands = await storage.eventCount();
    const ref = letterMailRef('letter-while-down');
    await until(async () => {
      const queued = await storage.mailOf(ref);
      return queued.length === 3 && queued.every((m) => m.attempts >= 1);
    }, 'a first failed attempt at each');
    const waiting = await storage.mailOf(ref);
    expect(waiting.map((m) => m.status)).toEqual(['pending', 'pending', 'pending']);
    expect(waiting[0]?.lastError).toMatch(/ECONNREFUSED/);
    const summary = async (on = app) =>
      letterList
        .parse(await getJson(on, '/api/bodies/central-committee/letters'))
        .letters.find((l) => l.id === 'letter-while-down')?.mail;
    expect(await summary()).toMatchObject({ configured: true, sent: 0, pending: 3, failed: 0 });
    expect(sink.received).toEqual([]);

    // The SMTP server comes up on its address: the messages go on the next try.
    await sink.start(port);
    await until(() => sink.received.length >= 3, 'three messages');
    await until(async () => (await summary())?.sent === 3, 'three sent');
    expect(new Set(sink.received.map((m) => m.to[0]))).toEqual(
      new Set(withAddress.map((id) => `cc-${id}@example.org`)),
    );
    expect(await summary()).toEqual({
      configured: true,
      sent: 3,
      pending: 0,
      failed: 0,
      withoutAddress: ccMembers.length - 3,
    });

    // A restart: a new Plenum and server on the same store plan and send nothing again.
    await stopServers();
    const cursor = await storage.mailCursor();
    const again = await server(sink.url);
    await pause(400);
    expect(sink.received).toHaveLength(3);
    expect(await storage.mailCursor()).toBe(cursor);
    expect(await summary(again.app)).toMatchObject({ sent: 3, pending: 0, failed: 0 });
    // The record is untouched: the failures and the sending added nothing to it.
    expect(await storage.eventCount()).toBe(eventsAfterCommands);
    expect(logs).toContain('e-mail failed; will try again');
    expect(logs).not.toContain(PASSWORD);
  });

  it('gives a message up after the attempts allowed, keeping the last error', async () => {
    await sink.start();
    const port = sink.port;
    await sink.stop();
    sink.port = port;
    const { app, plenum } = await server(sink.url, { maxAttempts: 3, backoff: () => 20 });
    const state = await storageState();
    const cc = bodyMembers(state, state.bodies.get('central-committee')!, LETTER_ON).sort();
    await plenum.setContacts([{ memberId: cc[0]!, email: 'rosa@example.org' }]);
    await act(app, plenum, member(membersOf(state, 'es-barcelona')[0]!), {
      type: 'sendLetter',
      letterId: 'letter-given-up',
      toBodyId: 'central-committee',
      title: 'Lost in the post',
      text: 'Nobody will get this by e-mail.',
      on: LETTER_ON,
    });
    const ref = letterMailRef('letter-given-up');
    await until(async () => (await storage.mailOf(ref))[0]?.status === 'failed', 'the message given up');
    const [given] = await storage.mailOf(ref);
    expect(given).toMatchObject({ status: 'failed', attempts: 3 });
    expect(given?.lastError).toMatch(/ECONNREFUSED/);
    expect(given?.lastError).not.toContain(PASSWORD);
  });
});
