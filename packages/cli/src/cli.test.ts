import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import { createTestDatabase } from '@plenum/storage-postgres/test-support';
import { ed25519Verifier, openCheckpoint, parseSignerKey } from '@plenum/log';
import { nobleEd25519 } from '@plenum/record';
import { STACK_LINE, plenum, requireBuilt, serving } from './test-support/run-bin.ts';

// These tests run the real `plenum` command, as a user would (see test-support/run-bin.ts).
// They check exit codes and that people get one clear line.

function expectOneCleanLine(text: string): void {
  expect(text.trim().split('\n')).toHaveLength(1);
  expect(text).not.toMatch(STACK_LINE);
}

let work: string;
beforeAll(() => {
  requireBuilt();
  work = mkdtempSync(join(tmpdir(), 'plenum-cli-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('plenum --help and --version', () => {
  it('lists the commands and options, in the user’s language', async () => {
    const en = await plenum(['--help']);
    expect(en.code).toBe(0);
    for (const word of ['serve', 'init', 'demo', '--port', '--data-dir']) expect(en.stdout).toContain(word);
    const pt = await plenum(['--help'], { PLENUM_LANG: 'pt-BR' });
    expect(pt.stdout).toContain('Comandos:');
  });

  it('prints the version', async () => {
    const result = await plenum(['--version']);
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});

describe('plenum with a wrong command line', () => {
  it.each([
    [['frobnicate'], 'unknown command “frobnicate”'],
    [[], 'no command given'],
    [['--frob'], 'unknown option “--frob”'],
    [['demo', '--frob'], 'unknown option “--frob”'],
    [['serve', '--port'], '“--port” needs a value'],
    [['serve', '--port', '99999'], 'port must be a whole number'],
    [['init', 'extra'], 'unexpected argument “extra”'],
    [['verify', 'record', 'somewhere'], 'usage: plenum verify record'],
    [['verify', 'record', 'dir', '--vkey', 'k', '--entries', 'some'], '--entries must be'],
  ])('%j exits 2 with one line', async (args, message) => {
    const result = await plenum(args);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expectOneCleanLine(result.stderr);
    expect(result.stderr).toContain(message);
  });
});

describe('plenum init and serve', () => {
  it('initialises once, refuses a second init and serving an empty directory', async () => {
    const dir = join(work, 'init');
    const first = await plenum(['init', '--data-dir', dir, '--name', 'Sindicato dos Metalúrgicos']);
    expect(first).toMatchObject({ code: 0 });
    expect(first.stdout).toContain('Sindicato dos Metalúrgicos');
    // The founders signed the founding with a key only they can read, named in the output.
    const foundersKey = join(dir, 'founders-key');
    expect(statSync(foundersKey).mode & 0o777).toBe(0o600);
    expect(first.stdout).toContain(foundersKey);
    const key = parseSignerKey(readFileSync(foundersKey, 'utf8').trim());
    expect(key.name).toBe('founders');
    const founding = JSON.parse(
      new SqliteDatabase(join(dir, 'plenum.sqlite'), { readonly: true })
        .prepare<[], { payload: string }>('SELECT payload FROM events WHERE seq = 1')
        .get()?.payload ?? '{}',
    ) as { actor?: string; key?: string; event?: { type?: string } };
    expect(founding).toMatchObject({ actor: 'founders', event: { type: 'statute.adopted', version: 1 } });
    const root = JSON.parse(
      new SqliteDatabase(join(dir, 'plenum.sqlite'), { readonly: true })
        .prepare<[], { payload: string }>('SELECT payload FROM events WHERE seq = 2')
        .get()?.payload ?? '{}',
    ) as { event?: unknown };
    expect(root.event).toMatchObject({
      type: 'unit.founded',
      unit: { id: 'root', level: 'federation', name: 'Sindicato dos Metalúrgicos', parentId: null },
    });
    expect(founding.key).toBe(Buffer.from(nobleEd25519.publicKey(key.seed)).toString('base64'));
    const second = await plenum(['init', '--data-dir', dir]);
    expect(second.code).toBe(1);
    expectOneCleanLine(second.stderr);
    expect(second.stderr).toContain('already holds the organisation “Sindicato dos Metalúrgicos”');
    const empty = await plenum(['serve', '--data-dir', join(work, 'empty')]);
    expect(empty.code).toBe(1);
    expect(empty.stderr).toContain('holds no Plenum organisation yet');
  });

  it('adopts the statute it is given, and refuses a broken one with every problem before writing anything', async () => {
    const statute = join(work, '1921.yaml');
    writeFileSync(statute, (await plenum(['statute', 'example', '1921'])).stdout);
    const dir = join(work, 'init-1921');
    const founded = await plenum(['init', '--data-dir', dir, '--name', 'Partido', '--statute', statute]);
    expect(founded.stderr).toBe('');
    expect(founded.code).toBe(0);
    const db = new SqliteDatabase(join(dir, 'plenum.sqlite'), { readonly: true });
    const events = db
      .prepare<[], { payload: string }>('SELECT payload FROM events ORDER BY seq')
      .all()
      .map((r) => (JSON.parse(r.payload) as { event: { type: string; unit?: { level: string } } }).event);
    db.close();
    expect(events.map((e) => e.type)).toEqual(['statute.adopted', 'unit.founded']);
    expect(events[1]?.unit?.level).toBe('party');

    const broken = join(work, 'broken-statute.yaml');
    writeFileSync(broken, 'plenum-statute: 1\ntitle: 42\n');
    const dir2 = join(work, 'init-broken');
    const refused = await plenum(['init', '--data-dir', dir2, '--statute', broken]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`${broken}:2:`);
    expect(refused.stderr).not.toMatch(STACK_LINE);
    expect(existsSync(join(dir2, 'founders-key'))).toBe(false);
    // Nothing was founded: a corrected statute can still be adopted in the same directory.
    const again = await plenum(['init', '--data-dir', dir2, '--statute', statute]);
    expect(again.code).toBe(0);
  });

  it('takes the data directory from PLENUM_DATA_DIR', async () => {
    const dir = join(work, 'from-env');
    const result = await plenum(['init', '--name', 'Env'], { PLENUM_DATA_DIR: dir });
    expect(result.code).toBe(0);
    expect(existsSync(join(dir, 'plenum.sqlite'))).toBe(true);
  });

  it('keeps the record in PostgreSQL when given a URL; the log key stays in the data directory', async () => {
    const database = await createTestDatabase();
    try {
      const dir = join(work, 'pg');
      const result = await plenum(['init', '--data-dir', dir, '--name', 'On PostgreSQL'], {
        PLENUM_DATABASE_URL: database.url,
      });
      expect(result.code).toBe(0);
      expect(existsSync(join(dir, 'plenum.sqlite'))).toBe(false);
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      const { rows } = await client.query<{ n: string }>('SELECT count(*) AS n FROM events');
      await client.end();
      expect(Number(rows[0]?.n)).toBeGreaterThan(0);
    } finally {
      await database.drop();
    }
  });

  it('says it cannot reach PostgreSQL, in one line, without the password', async () => {
    const result = await plenum(['init', '--data-dir', join(work, 'pg-down')], {
      PLENUM_DATABASE_URL: 'postgres://plenum:hunter2-secret@127.0.0.1:1/plenum',
    });
    expect(result.code).toBe(1);
    expectOneCleanLine(result.stderr);
    expect(result.stderr).toContain('postgres://plenum@127.0.0.1:1/plenum');
    expect(result.stderr + result.stdout).not.toContain('hunter2-secret');
  });
});

describe('a data directory that cannot be used', () => {
  it('holding a corrupt database: a clear message, exit 1, and the file untouched', async () => {
    const dir = join(work, 'corrupt');
    await plenum(['init', '--data-dir', dir]);
    const file = join(dir, 'plenum.sqlite');
    const garbage = Buffer.from('not a database '.repeat(500));
    writeFileSync(file, garbage);
    const result = await plenum(['demo', '--data-dir', dir, '--port', '0']);
    expect(result.code).toBe(1);
    expectOneCleanLine(result.stderr);
    expect(result.stderr).toContain('is not a readable Plenum database');
    expect(readFileSync(file)).toEqual(garbage);
  });

  it('that is a file, or cannot be written: exit 1 and one line', async () => {
    const file = join(work, 'a-file');
    writeFileSync(file, '');
    const notDir = await plenum(['serve', '--data-dir', file]);
    expect(notDir.code).toBe(1);
    expectOneCleanLine(notDir.stderr);
    expect(notDir.stderr).toContain('is not a directory');
    const unwritable = await plenum(['demo', '--data-dir', '/proc/plenum-data']);
    expect(unwritable.code).toBe(1);
    expectOneCleanLine(unwritable.stderr);
    expect(unwritable.stderr).toContain('cannot be written to');
  });
});

describe('e-mail settings (PLENUM_SMTP_URL, PLENUM_MAIL_FROM, PLENUM_PUBLIC_URL)', () => {
  const PASSWORD = 'hunter2-Secret';
  it.each([
    [
      { PLENUM_SMTP_URL: `http://plenum:${PASSWORD}@mail.example.org`, PLENUM_MAIL_FROM: 'p@example.org' },
      'PLENUM_SMTP_URL must be',
    ],
    [
      { PLENUM_SMTP_URL: `plenum:${PASSWORD}@mail.example.org`, PLENUM_MAIL_FROM: 'p@example.org' },
      'PLENUM_SMTP_URL must be',
    ],
    [{ PLENUM_SMTP_URL: `smtp://plenum:${PASSWORD}@mail.example.org:587` }, 'PLENUM_MAIL_FROM must be'],
    [{ PLENUM_SMTP_URL: 'smtps://mail.example.org', PLENUM_MAIL_FROM: 'not an address' }, 'PLENUM_MAIL_FROM must be'],
    [{ PLENUM_PUBLIC_URL: 'ftp://plenum.example.org' }, 'PLENUM_PUBLIC_URL must be'],
  ])('%j: exit 2, one line, and never the password', async (env, message) => {
    const result = await plenum(['serve', '--data-dir', join(work, 'never-made')], env);
    expect(result.code).toBe(2);
    expectOneCleanLine(result.stderr);
    expect(result.stderr).toContain(message);
    expect(result.stderr).not.toContain(PASSWORD);
    expect(existsSync(join(work, 'never-made'))).toBe(false);
  });

  it('lists them in --help', async () => {
    const help = await plenum(['--help']);
    for (const name of ['PLENUM_SMTP_URL', 'PLENUM_MAIL_FROM', 'PLENUM_PUBLIC_URL'])
      expect(help.stdout).toContain(name);
  });

  it('says where e-mail goes when serving, without the user or password; or that it is off', async () => {
    const dir = join(work, 'mail-demo');
    const on = await serving(['demo', '--data-dir', dir], {
      PLENUM_SMTP_URL: `smtp://plenum:${PASSWORD}@127.0.0.1:2525`,
      PLENUM_MAIL_FROM: 'plenum@example.org',
      PLENUM_PUBLIC_URL: 'https://plenum.example.org',
    });
    const platform = (await (await fetch(new URL('api/bodies/central-committee/letters', on.url))).json()) as {
      letters: unknown[];
    };
    expect(platform.letters).toEqual([]);
    const stopped = await on.stop();
    expect(stopped.code).toBe(0);
    expect(stopped.stdout).toContain(
      'E-mail: platforms and letters are circulated through smtp://127.0.0.1:2525, from plenum@example.org',
    );
    expect(`${stopped.stdout}${stopped.stderr}`).not.toContain(PASSWORD);
    const off = await serving(['demo', '--data-dir', dir]);
    expect((await off.stop()).stdout).toContain('E-mail: off');
  });
});

describe('plenum demo', () => {
  it('creates the demo on first start, serves it, and reuses the data on the second start', async () => {
    const dir = join(work, 'demo');
    const first = await serving(['demo', '--data-dir', dir]);
    const health = (await (await fetch(new URL('api/health', first.url))).json()) as { status: string; events: number };
    expect(health.status).toBe('ok');
    const stopped = await first.stop();
    expect(stopped.code).toBe(0);
    expect(stopped.stdout).toContain('Created the demo organisation');

    const second = await serving(['demo', '--data-dir', dir]);
    const again = (await (await fetch(new URL('api/health', second.url))).json()) as { events: number };
    const out = await second.stop();
    expect(out.stdout).toContain('Using the existing organisation');
    expect(again.events).toBe(health.events);
  });

  it('--scenario 1923 plays the 1923–24 discussion on the demo and prints the outcome beside history', async () => {
    const dir = join(work, 'scenario-1923');
    const server = await serving(['demo', '--data-dir', dir, '--scenario', '1923']);
    const platform = (await (await fetch(new URL('api/platforms/platform-46', server.url))).json()) as {
      platform: { signatories: string[] };
    };
    expect(platform.platform.signatories).toHaveLength(46);
    const stopped = await server.stop();
    expect(stopped.code).toBe(0);
    expect(stopped.stdout).toContain('the Platform of the 46 was filed and circulated to 196 members');
    expect(stopped.stdout).toMatch(/ru-moskva: 16; 8; \d+; \d+/);
    expect(stopped.stdout).toMatch(/its supporters won \d+ of the 40 delegates/);
    expect(stopped.stdout).toContain('only three delegates voted for its position');
    const unknown = await plenum(['demo', '--data-dir', join(work, 'scenario-x'), '--scenario', '1917']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('there is no scenario “1917”');
  });
});

describe('the log key', () => {
  it('is made by init, readable by its owner only, and signs the checkpoints the server publishes', async () => {
    const dir = join(work, 'log-key');
    const init = await plenum(['init', '--data-dir', dir, '--origin', 'example.org/union']);
    expect(init.code).toBe(0);
    const vkey = /(example\.org\/union\+[0-9a-f]{8}\+\S+)/.exec(init.stdout)?.[1];
    expect(vkey).toBeDefined();
    expect(statSync(join(dir, 'log-key')).mode & 0o777).toBe(0o600);
    const server = await serving(['serve', '--data-dir', dir]);
    const note = await (await fetch(new URL('log/checkpoint', server.url))).text();
    const verified = await plenum(['verify', 'record', new URL('log', server.url).href, '--vkey', vkey ?? '']);
    const wrongKey = await plenum([
      'verify',
      'record',
      new URL('log', server.url).href,
      '--vkey',
      'example.org/union+00000000+AQ==',
    ]);
    await server.stop();
    expect(verified.stderr).toBe('');
    expect(verified.code).toBe(0);
    expect(verified.stdout).toContain('Verified');
    expect(wrongKey.code).not.toBe(0);
    const opened = openCheckpoint(note, { log: ed25519Verifier(vkey ?? ''), origin: 'example.org/union' });
    expect(opened.checkpoint.size).toBe(2);
  });

  it('is refused when others can read it', async () => {
    const dir = join(work, 'log-key-open');
    await plenum(['init', '--data-dir', dir]);
    chmodSync(join(dir, 'log-key'), 0o644);
    const result = await plenum(['serve', '--data-dir', dir]);
    expect(result.code).toBe(1);
    expectOneCleanLine(result.stderr);
    expect(result.stderr).toContain('chmod 600');
  });

  it('is never silently replaced once checkpoints were signed with it', async () => {
    const dir = join(work, 'log-key-lost');
    await plenum(['init', '--data-dir', dir]);
    rmSync(join(dir, 'log-key'));
    const result = await plenum(['serve', '--data-dir', dir]);
    expect(result.code).toBe(1);
    expectOneCleanLine(result.stderr);
    expect(result.stderr).toContain('log key');
    expect(existsSync(join(dir, 'log-key'))).toBe(false);
  });

  it('refuses an origin that cannot name a key', async () => {
    const result = await plenum(['init', '--data-dir', join(work, 'bad-origin'), '--origin', 'has space+plus']);
    expect(result.code).toBe(2);
    expectOneCleanLine(result.stderr);
  });
});
