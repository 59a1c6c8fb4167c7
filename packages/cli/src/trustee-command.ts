import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { ballotDetail, prepared, trusteeMaterial, type GovernanceCommandInput } from '@plenum/api';
import {
  group as cryptoGroup,
  makePartialDecryption,
  parseElection,
  parseEncryptedTally,
  pedersenDecryptionKey,
  pedersenStep1,
  pedersenStep3,
  pedersenStep5,
  verifyArchive,
  writePartialDecryption,
} from '@plenum/crypto';
import type { MessageKey, Translate } from '@plenum/i18n';
import { fromBase64, toBase64 } from '@plenum/kernel';
import { parseSignerKey } from '@plenum/log';
import { nobleEd25519 } from '@plenum/record';

/**
 * `plenum trustee <server-url> <ballot-id> --member <id> --key <signer-key file> --seed <file>`:
 * a trustee's part of a secret ballot, done on the trustee's own machine. Each run does the
 * next step the ballot waits for from this trustee, and signs it with the member's own key:
 *
 *   1. the threshold key generation's first step: a secret seed, written to --seed (never
 *      sent anywhere; the file must not exist yet), and its certificate;
 *   3. once every trustee is certified: the polynomial and the encrypted shares;
 *   5. once every polynomial is in: the trustee checks the shares meant for it;
 *   after the ballot closed: the trustee first verifies the whole ballot box from its archive
 *      (every ballot's proofs, and that the encrypted tally is their product), then publishes
 *      its partial decryption with proofs. It refuses to decrypt a tally that does not verify.
 *
 * Exit codes: 0 a step done (or nothing to do yet, said so), 1 refused or failed, 2 usage.
 */

export interface TrusteeOptions {
  readonly member: string;
  readonly key: string;
  readonly seed: string;
  readonly on?: string | undefined;
}

export interface TrusteeIo {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
}

export async function runTrustee(
  server: string,
  ballotId: string,
  options: TrusteeOptions,
  io: TrusteeIo,
  t: Translate,
): Promise<number> {
  let secret: Uint8Array;
  try {
    secret = parseSignerKey(readFileSync(options.key, 'utf8').trim()).seed;
  } catch (error) {
    io.err(t('trustee.error.key', { file: options.key, reason: reason(error) }));
    return 2;
  }
  const base = server.replace(/\/+$/, '');
  const actor = `member:${options.member}`;
  const key = toBase64(nobleEd25519.publicKey(secret));
  const on = options.on ?? new Date().toISOString().slice(0, 10);
  const getJson = async (path: string): Promise<unknown> => {
    const response = await fetch(`${base}${path}`, { signal: AbortSignal.timeout(60_000) });
    if (!response.ok) throw new Error(`GET ${path}: HTTP ${response.status} ${await response.text()}`);
    return response.json();
  };
  /** Prepare, sign each event with the member's key, submit (docs/api.md). */
  const submit = async (command: GovernanceCommandInput): Promise<string | undefined> => {
    const post = (path: string, body: unknown): Promise<Response> =>
      fetch(`${base}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(60_000),
      });
    const prep = await post('/api/commands/prepare', { actor, key, command });
    if (!prep.ok) return refusalText(await prep.text());
    const { events, messages } = prepared.parse(await prep.json());
    const signatures = messages.map((m) => toBase64(nobleEd25519.sign(fromBase64(m), secret)));
    const done = await post('/api/commands', { actor, key, command, events, signatures });
    return done.ok ? undefined : refusalText(await done.text());
  };
  try {
    const detail = ballotDetail.parse(await getJson(`/api/ballots/${encodeURIComponent(ballotId)}`));
    const me = detail.trustees.find((x) => x.memberId === options.member);
    if (me === undefined) {
      io.err(t('trustee.error.notTrustee', { member: options.member, ballot: ballotId }));
      return 1;
    }
    const G = cryptoGroup(detail.ballot.group);
    const material = trusteeMaterial.parse(
      await getJson(`/api/ballots/${encodeURIComponent(ballotId)}/trustees/${encodeURIComponent(options.member)}`),
    );
    const done = (step: string, problem: string | undefined): number => {
      if (problem !== undefined) {
        io.err(t('trustee.refused', { step, problem }));
        return 1;
      }
      io.out(t('trustee.done', { step, ballot: ballotId }));
      return 0;
    };
    if (!me.steps.includes(1)) {
      if (existsSync(options.seed)) {
        io.err(t('trustee.error.seedExists', { file: options.seed }));
        return 2;
      }
      const { seed, cert } = pedersenStep1(G);
      writeFileSync(options.seed, `${seed}\n`, { mode: 0o600, flag: 'wx' });
      return done('1', await submit({ type: 'certifyTrustee', ballotId, cert, on }));
    }
    const seed = readFileSync(options.seed, 'utf8').trim();
    if (!me.steps.includes(3)) {
      if (material.certs.length === 0) return waiting(io, t, 'certificates');
      const polynomial = pedersenStep3(G, material.certs, seed, detail.threshold);
      if (!polynomial.ok) return done('3', t(polynomial.messageKey as MessageKey, polynomial.params));
      return done('3', await submit({ type: 'commitTrustee', ballotId, polynomial: polynomial.value, on }));
    }
    if (!me.steps.includes(5)) {
      if (material.vinput === null) return waiting(io, t, 'polynomials');
      const voutput = pedersenStep5(G, material.certs, seed, material.vinput);
      if (!voutput.ok) return done('5', t(voutput.messageKey as MessageKey, voutput.params));
      return done('5', await submit({ type: 'verifyTrustee', ballotId, voutput: voutput.value, on }));
    }
    if (detail.ballot.stage !== 'closed' || me.decrypted) {
      return waiting(io, t, me.decrypted ? 'done' : detail.ballot.stage);
    }
    // Decrypt only a tally this trustee has checked itself, from the published ballots.
    const archive = await fetch(`${base}/api/ballots/${encodeURIComponent(ballotId)}/archive`);
    if (!archive.ok) throw new Error(`archive: HTTP ${archive.status}`);
    const verified = verifyArchive(new Uint8Array(await archive.arrayBuffer()));
    if (!verified.ok) return done('decrypt', t(verified.messageKey as MessageKey, verified.params));
    const election = parseElection(detail.election ?? '');
    if (!election.ok || material.encryptedTally === null || material.vinput === null) {
      return waiting(io, t, detail.ballot.stage);
    }
    const tally = parseEncryptedTally(election.value, material.encryptedTally);
    const voutput = pedersenStep5(G, material.certs, seed, material.vinput);
    if (!tally.ok || !voutput.ok) return done('decrypt', t('trustee.error.material', {}));
    const privateKey = (JSON.parse(voutput.value) as { private_key?: unknown }).private_key;
    const x = pedersenDecryptionKey(G, seed, typeof privateKey === 'string' ? privateKey : '');
    if (!x.ok) return done('decrypt', t(x.messageKey as MessageKey, x.params));
    const partialDecryption = writePartialDecryption(G, makePartialDecryption(election.value, tally.value, x.value));
    return done('decrypt', await submit({ type: 'decryptTally', ballotId, partialDecryption, on }));
  } catch (error) {
    io.err(t('trustee.error.server', { server: base, reason: reason(error) }));
    return 1;
  }
}

function waiting(io: TrusteeIo, t: Translate, what: string): number {
  io.out(t('trustee.waiting', { what }));
  return 0;
}

function reason(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') return code;
  return error instanceof Error ? error.message : String(error);
}

/** The message of a refusal or error body, or the text as it came. */
function refusalText(body: string): string {
  try {
    const parsed = JSON.parse(body) as { refusal?: { message?: string }; error?: { message?: string } };
    return parsed.refusal?.message ?? parsed.error?.message ?? body.slice(0, 500);
  } catch {
    return body.slice(0, 500);
  }
}
