import { runMembersCheck, runStatuteCheck, runStatuteExample } from './statute-command.ts';
import { runMembersImport } from './members-import.ts';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PlenumError, isPlenumError } from '@plenum/kernel';
import {
  createTranslator,
  createWitnessTranslator,
  negotiateLocale,
  type Locale,
  type MessageKey,
  type Translate,
} from '@plenum/i18n';
import { Plenum, type LogIdentity, type MailSettings, type StoragePort } from '@plenum/app';
import { openPostgresStorage } from '@plenum/storage-postgres';
import { openSqliteStorage, prepareDataDir } from '@plenum/storage-sqlite';
import { createBallotVerifierPool, describeSmtpUrl, nodeEd25519, startServer } from '@plenum/server';
import { parseInvocation, type CommandName } from './args.ts';
import { createLogKey, defaultOrigin, hasLogKey, loadLogKey, logKeyPath } from './log-key.ts';
import { resolveConfig, type Config } from './config.ts';
import { helpText } from './help.ts';
import { runVerifyRecord, terminalProgress } from './verify-command.ts';
import { runVerifyElection } from './verify-election.ts';
import { runTrustee } from './trustee-command.ts';
import { runCount } from './count-command.ts';
import { runWitness } from './witness-command.ts';
import { createFoundersKey, foundersKeyPath } from './founders-key.ts';
import { scenario1923Report } from './scenario-report.ts';

export interface Io {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  /** Resolves when the server should stop: SIGINT or SIGTERM by default. */
  readonly stopped: Promise<void>;
  readonly cwd: string;
  /** A transient progress line, only when standard error is a terminal. */
  readonly progress?: ((text: string) => void) | undefined;
}

/**
 * Exit codes: 0 done, 1 could not do it (storage, network), 2 the command line was wrong;
 * `plenum witness` adds 3 (the log misbehaved: evidence written) and 4 (it served something
 * that does not verify), see witness-command.ts.
 */
const EXIT_OK = 0;
const EXIT_FAILURE = 1;
const EXIT_USAGE = 2;

const WEB_ROOT = fileURLToPath(new URL('../../web/dist/', import.meta.url));

export async function main(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  io: Io = processIo(),
): Promise<number> {
  const locale = negotiateLocale(env['PLENUM_LANG'] ?? env['LC_ALL'] ?? env['LC_MESSAGES'] ?? env['LANG']);
  const t = createTranslator(locale);
  const invocation = parseInvocation(argv);
  switch (invocation.kind) {
    case 'help':
      io.out(helpText(t, createWitnessTranslator(locale)));
      return EXIT_OK;
    case 'version':
      io.out(version());
      return EXIT_OK;
    case 'count':
      // A local file, counted: no data directory, no server.
      return runCount(invocation.file, invocation.options, { out: io.out, err: io.err, progress: io.progress }, t);
    case 'statute-check':
      return runStatuteCheck(invocation.file, { out: io.out, err: io.err }, t);
    case 'statute-example':
      return runStatuteExample(invocation.name, { out: io.out, err: io.err }, t);
    case 'members-check':
      return runMembersCheck(invocation.file, invocation.dateOrder, { out: io.out, err: io.err }, t);
    case 'members-import': {
      const resolved = resolveConfig(invocation.flags, env, io.cwd);
      if (!resolved.ok) {
        io.err(t(resolved.messageKey, resolved.params));
        return EXIT_USAGE;
      }
      const { config } = resolved;
      return withPlenum(config, t, io, async (plenum) => {
        if ((await plenum.organisationName()) === undefined) {
          io.err(t('error.notInitialised', { dir: config.dataDir }));
          return EXIT_FAILURE;
        }
        const today = new Date().toISOString().slice(0, 10);
        return runMembersImport(invocation.file, invocation.options, plenum, config.dataDir, today, io, t);
      });
    }
    case 'verify-record':
      // Needs no data directory: it checks a record from outside, as any member would.
      return runVerifyRecord(
        invocation.target,
        invocation.options,
        { out: io.out, err: io.err, progress: io.progress },
        t,
      );
    case 'verify-election':
      // An archive checked from outside: no data directory, no server.
      return runVerifyElection(
        invocation.target,
        { json: invocation.json },
        { out: io.out, err: io.err, progress: io.progress },
        t,
      );
    case 'trustee':
      // The trustee's own machine, talking to the server: no data directory.
      return runTrustee(invocation.server, invocation.ballotId, invocation.options, { out: io.out, err: io.err }, t);
    case 'witness':
      // Needs no data directory either: a witness follows someone else's log.
      return runWitness(
        invocation.target,
        invocation.options,
        { out: io.out, err: io.err, stopped: io.stopped, cwd: io.cwd, env },
        createWitnessTranslator(locale),
      );
    case 'usage-error':
      io.err(t(invocation.messageKey, invocation.params));
      return EXIT_USAGE;
    case 'witness-usage-error':
      io.err(createWitnessTranslator(locale)(invocation.messageKey, invocation.params));
      return EXIT_USAGE;
    case 'command': {
      const resolved = resolveConfig(invocation.flags, env, io.cwd);
      if (!resolved.ok) {
        io.err(t(resolved.messageKey, resolved.params));
        return EXIT_USAGE;
      }
      return runCommand(invocation.command, resolved.config, t, io, locale);
    }
  }
}

async function runCommand(command: CommandName, config: Config, t: Translate, io: Io, locale: Locale): Promise<number> {
  return withPlenum(config, t, io, (plenum, storage) => execute(command, plenum, storage, config, t, io), {
    announceKey: async (storage) => command !== 'init' || (await storage.eventCount()) === 0,
    // The server writes e-mail in its own language, with links to its public address.
    mail: config.mail === undefined ? undefined : { locale, publicUrl: config.publicUrl },
    // A server checks ballots on every core (worker threads); the other commands need none.
    ballotWorkers: command === 'serve' || command === 'demo',
  });
}

/**
 * Opens the data directory's store and log key, runs `work` on a Plenum over them, and
 * closes the store whatever happens; a failure is reported translated, never as a stack.
 */
async function withPlenum(
  config: Config,
  t: Translate,
  io: Io,
  work: (plenum: Plenum, storage: StoragePort) => Promise<number>,
  options: {
    readonly announceKey?: (storage: StoragePort) => Promise<boolean>;
    readonly mail?: MailSettings | undefined;
    readonly ballotWorkers?: boolean;
  } = {},
): Promise<number> {
  let storage: StoragePort | undefined;
  const pool = options.ballotWorkers === true ? createBallotVerifierPool() : undefined;
  try {
    // The record goes to PostgreSQL when a URL is given (several servers may share it); the data
    // directory still holds the log key, which never goes into a database.
    const dataFile = prepareDataDir(config.dataDir);
    storage =
      config.databaseUrl === undefined
        ? await openSqliteStorage(dataFile)
        : await openPostgresStorage(config.databaseUrl);
    const log = await logIdentity(storage, config);
    if ((await options.announceKey?.(storage)) === true) io.out(t('cli.logKey', { vkey: log.verifierKey }));
    const plenum = new Plenum(storage, {
      log,
      signatures: nodeEd25519(),
      mail: options.mail,
      ...(pool === undefined ? {} : { ballotVerifier: pool.verify }),
    });
    return await work(plenum, storage);
  } catch (error) {
    io.err(describeFailure(error, t, config));
    return EXIT_FAILURE;
  } finally {
    await pool?.close();
    await storage?.close();
  }
}

/**
 * The log key of this data directory: loaded if it exists; made if the record has never
 * been signed (a new directory, or one from before the log existed); refused if signed
 * checkpoints exist without their key.
 */
async function logIdentity(storage: StoragePort, config: Config): Promise<LogIdentity> {
  if (hasLogKey(config.dataDir)) return loadLogKey(config.dataDir);
  if ((await storage.latestCheckpoint()) !== undefined) {
    throw new PlenumError('storage_unavailable', 'log key lost', {
      messageKey: 'error.logKeyLost',
      params: { file: logKeyPath(config.dataDir) },
    });
  }
  return createLogKey(config.dataDir, config.origin ?? defaultOrigin());
}

async function execute(
  command: CommandName,
  plenum: Plenum,
  _storage: StoragePort,
  config: Config,
  t: Translate,
  io: Io,
): Promise<number> {
  switch (command) {
    case 'init': {
      const existing = await plenum.organisationName();
      if (existing !== undefined) {
        io.err(t('error.alreadyInitialised', { name: existing, dir: config.dataDir }));
        return EXIT_FAILURE;
      }
      // A statute is checked in full before anything is written (not even the founders' key).
      if (config.statute !== undefined && (await runStatuteCheck(config.statute, quiet(io), t)) !== 0) {
        return EXIT_FAILURE;
      }
      const statute = config.statute === undefined ? undefined : readStatuteFile(config.statute, t, io);
      if (statute === null) return EXIT_FAILURE;
      const founders = plenum.localSigner({ kind: 'founders' }, createFoundersKey(config.dataDir));
      const founded = await plenum.initialise(config.name, founders, statute === undefined ? {} : { statute });
      if (!founded.ok) {
        io.err(t(founded.messageKey as MessageKey, founded.params));
        return EXIT_FAILURE;
      }
      io.out(t('cli.initialised', { name: config.name, dir: config.dataDir }));
      io.out(t('cli.foundersKey', { file: foundersKeyPath(config.dataDir) }));
      return EXIT_OK;
    }
    case 'demo': {
      const scenario = config.scenario;
      if (scenario !== undefined && scenario !== '1923') {
        io.err(t('cli.error.unknownScenario', { scenario, scenarios: '1923' }));
        return EXIT_USAGE;
      }
      const demo = await plenum.ensureDemo(scenario === '1923' ? { scenario } : {});
      const key: MessageKey = demo.created ? 'cli.demoCreated' : 'cli.demoReused';
      io.out(t(key, { name: demo.name, members: demo.members, dir: config.dataDir }));
      if (scenario === '1923') io.out(scenario1923Report(await plenum.state(), t));
      return await serve(plenum, demo.name, config, t, io);
    }
    case 'serve': {
      const name = await plenum.organisationName();
      if (name === undefined) {
        io.err(t('error.notInitialised', { dir: config.dataDir }));
        return EXIT_FAILURE;
      }
      return await serve(plenum, name, config, t, io);
    }
  }
}

async function serve(plenum: Plenum, name: string, config: Config, t: Translate, io: Io): Promise<number> {
  const webRoot = existsSync(WEB_ROOT) ? WEB_ROOT : null;
  if (webRoot === null) io.err(t('cli.warning.noWebApp', { dir: WEB_ROOT }));
  let server: Awaited<ReturnType<typeof startServer>>;
  const mail = config.mail;
  try {
    server = await startServer({
      plenum,
      version: version(),
      webRoot,
      host: config.host,
      port: config.port,
      ...(mail === undefined ? {} : { mail: { smtpUrl: mail.smtpUrl, from: mail.from } }),
    });
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error));
    io.err(t('cli.error.listen', { host: config.host, port: config.port, reason }));
    return EXIT_FAILURE;
  }
  io.out(t('cli.serving', { name, url: server.url }));
  io.out(
    mail === undefined
      ? t('cli.mail.off')
      : t('cli.mail.on', { server: describeSmtpUrl(mail.smtpUrl), from: mail.from }),
  );
  await io.stopped;
  io.out(t('cli.stopping'));
  await server.close();
  return EXIT_OK;
}

/** One line for a person; never a stack trace (set PLENUM_DEBUG=1 to see one). */
function describeFailure(error: unknown, t: Translate, config: Config): string {
  if (process.env['PLENUM_DEBUG'] === '1' && error instanceof Error) process.stderr.write(`${error.stack ?? ''}\n`);
  if (isPlenumError(error) && error.messageKey !== undefined) {
    return t(error.messageKey as MessageKey, { dir: config.dataDir, ...error.params });
  }
  return t('cli.error.unexpected', { reason: error instanceof Error ? error.message : String(error) });
}

export function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

function processIo(): Io {
  return {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    stopped: new Promise((resolve) => {
      process.once('SIGINT', () => resolve());
      process.once('SIGTERM', () => resolve());
    }),
    cwd: process.cwd(),
    progress: terminalProgress(),
  };
}

/**
 * The statute file `plenum init --statute` adopts, or null (reported) if it cannot be read.
 * Its content is checked by the rules when the founders adopt it (Plenum governance.statute-valid).
 */
function readStatuteFile(file: string, t: Translate, io: Io): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    io.err(t('check.error.read', { file, reason: (error as NodeJS.ErrnoException).code ?? 'error' }));
    return null;
  }
}

/** The same output streams without the success line: problems still go to standard error. */
function quiet(io: Io): { out: (line: string) => void; err: (line: string) => void } {
  return { out: () => undefined, err: io.err };
}
