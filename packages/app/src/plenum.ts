import {
  PlenumError,
  bytesEqual,
  canonicalJson,
  fromBase64,
  isId,
  ok,
  toBase64,
  utf8,
  refused,
  type Refusal,
  type Result,
} from '@plenum/kernel';
import {
  DEMO_STATUTE_YAML,
  EMPTY_GOVERNANCE,
  actorRef,
  applyGovernance,
  decideGovernance,
  draftGovernance,
  evolveGovernance,
  parseStatute,
  type ActorRef,
  type DomainEvent,
  type GovActor,
  type GovernanceCommand,
  type GovernanceState,
  ballotBoxCheck,
  secretBallotOf,
} from '@plenum/domain';
import { hashJson } from '@plenum/crypto';
import { archiveOf, castBallots, inProcessBallotVerifier, tallyOf, type BallotVerifier } from './ballots.ts';
import {
  DEMO_NAME,
  demoActorSecret,
  demoOrganisationActions,
  scenario1923AllActions,
  SCENARIO_1923,
} from '@plenum/demo';
import {
  checkActorKey,
  leafPayload,
  localEventSigner,
  nobleEd25519,
  signEvent,
  verifySignedEvent,
  type ActorKeys,
  type EventSigner,
  type SignatureScheme,
} from '@plenum/record';
import {
  isRecordMoved,
  type MailCounts,
  type MailStatus,
  type MemberContact,
  type NewMail,
  type RecordLeaf,
  type SignedCheckpoint,
  type StoragePort,
  type StoredCosignature,
  type StoredEvent,
} from './storage-port.ts';
import { mailItems, platformTextsNeeded, type MailSettings, type SeqEvent } from './mail.ts';
import { checkpointSigner, signCheckpoint, type LogIdentity } from './record-log.ts';
import { acceptCosignature } from './witnesses.ts';
import { rootUnitOf } from './queries.ts';
import { prepareOn, signatureBytes, staleCommand, type PreparedCommand } from './commands.ts';

export type Clock = () => Date;
export type EventListener = (events: readonly StoredEvent[]) => void;
export type CosignatureListener = (cosignature: StoredCosignature) => void;

/** A command and the signer of the actor who gives it. */
export interface Action {
  readonly by: EventSigner;
  readonly command: GovernanceCommand;
}

/** The state the rules decide on, and the size of the record it was folded from. */
interface Known {
  readonly state: GovernanceState;
  readonly size: number;
  readonly keys: ActorKeys;
}

/** How many times a command is decided again when other processes keep appending first. */
const MAX_DECISIONS = 50;

/** Events read per page when the state is folded from the record. */
const FOLD_PAGE = 5000;

/**
 * Every Plenum belongs to one record, named by its origin: the log key's name when it signs
 * checkpoints (a server always does, with the key `plenum init` made), or a bare origin for
 * tests of the rules alone. Events are signed for that origin.
 */
export type PlenumOptions = {
  readonly clock?: Clock;
  /** Ed25519 for event signatures; @noble/curves by default, node:crypto in a Node process. */
  readonly signatures?: SignatureScheme;
  /**
   * E-mail circulation, when the server has an SMTP server to send through: the language
   * and public address messages are written with. Without it no mail is planned at all.
   */
  readonly mail?: MailSettings | undefined;
  /** Checks a ballot's proofs before the rules see it: on worker threads in a server; here by default. */
  readonly ballotVerifier?: BallotVerifier;
} & ({ readonly log: LogIdentity } | { readonly origin: string; readonly log?: undefined });

/**
 * The use cases. Each one loads state, lets the pure domain decide, appends the resulting
 * events in one transaction and tells subscribers. Commands are serialised in this process,
 * so two of them never decide on the same stale state.
 */
export class Plenum {
  readonly #storage: StoragePort;
  readonly #clock: Clock;
  readonly #log: LogIdentity | undefined;
  readonly #origin: string;
  readonly #signatures: SignatureScheme;
  readonly #mail: MailSettings | undefined;
  readonly #ballotVerifier: BallotVerifier;
  readonly #listeners = new Set<EventListener>();
  readonly #cosignatureListeners = new Set<CosignatureListener>();
  /**
   * The state the rules decide on: the fold of every event of the record (evolveGovernance),
   * kept between commands with the record's size. Before each use the record's size is read
   * again and any events appended since (by another process) are folded in; after an append
   * this instance made, the state it decided on is exactly the fold of the record. Dropped
   * whenever an append fails.
   */
  #known: Known | undefined;
  #queue: Promise<unknown> = Promise.resolve();

  /**
   * Without a log identity no checkpoint is signed (tests of the rules alone); a server
   * always has one, made by `plenum init`. Events are always signed by their actors.
   */
  constructor(storage: StoragePort, options: PlenumOptions) {
    this.#storage = storage;
    this.#clock = options.clock ?? (() => new Date());
    this.#log = options.log;
    this.#origin = options.log === undefined ? options.origin : options.log.origin;
    this.#signatures = options.signatures ?? nobleEd25519;
    this.#mail = options.mail;
    this.#ballotVerifier = options.ballotVerifier ?? inProcessBallotVerifier;
  }

  /** The record's origin, which every event signature covers. */
  get origin(): string {
    return this.#origin;
  }

  /** The signature scheme events are signed and checked with. */
  get signatures(): SignatureScheme {
    return this.#signatures;
  }

  /** The log's origin and verifier key holder, if this instance signs checkpoints. */
  get log(): LogIdentity | undefined {
    return this.#log;
  }

  get storage(): StoragePort {
    return this.#storage;
  }

  /**
   * Decides all actions in order, each on the state the previous ones left; if any is
   * refused, nothing is stored. Each resulting event is signed by its action's signer with
   * the key the record binds to that actor, and a signature from a signer that does not hold
   * its secret here is checked before anything is appended: the record is append-only, so a
   * bad leaf could never be taken out again.
   */
  execute(actions: readonly Action[]): Promise<Result<readonly StoredEvent[]>> {
    return this.#serialise(async () => {
      // Another process may append between the decision and the append (several servers on
      // one database): then nothing is stored, and the actions are decided again on the record
      // as it now stands, so no event is ever decided on a state that is not its record's.
      for (let attempt = 1; ; attempt += 1) {
        const known = await this.#current();
        const keys = new Map<ActorRef, string>(known.keys);
        const decided = decideAll(known.state, keys, actions);
        if (!decided.ok) return decided;
        const leaves: RecordLeaf[] = [];
        for (const { by, event } of decided.value.events) leaves.push(await this.#leaf(by, event));
        const recordedAt = this.#clock().toISOString();
        const sign = this.#log === undefined ? undefined : checkpointSigner(this.#log);
        this.#known = undefined;
        let stored: readonly StoredEvent[];
        try {
          stored = await this.#storage.append(leaves, recordedAt, sign, known.size);
        } catch (error) {
          if (isRecordMoved(error) && attempt < MAX_DECISIONS) continue;
          throw error;
        }
        this.#known = { state: decided.value.state, size: known.size + stored.length, keys };
        this.#notify(stored);
        return ok(stored);
      }
    });
  }

  /** A signer for the actor that holds its secret here (the demo's actors, `plenum init`'s founders). */
  localSigner(actor: EventSigner['actor'], secret: Uint8Array): EventSigner {
    return localEventSigner(actor, secret, this.#signatures);
  }

  async #leaf(by: EventSigner, event: DomainEvent): Promise<RecordLeaf> {
    const signed = await signEvent(this.#origin, by, event);
    // A signer holding its secret here signs correctly by construction (the key is derived
    // from that secret); any other signature is checked before it can enter the record.
    if (by.holdsSecret !== true && !verifySignedEvent(this.#origin, signed, this.#signatures)) {
      throw new PlenumError('invalid_input', `the signature of ${signed.actor} on ${event.type} does not verify`, {
        messageKey: 'error.badEventSignature',
        params: { actor: signed.actor, type: event.type, key: signed.key },
      });
    }
    const payload = leafPayload(signed);
    checkLeafSize(event, payload);
    return { signed, payload };
  }

  /**
   * The ballot box: a ballot as a voter's browser sent it. Its proofs and signature are checked
   * first, outside the queue of commands (on worker threads in a server), then the rules check
   * the window, the election, the credential and replays, and it is recorded (ballot.cast, by
   * the anonymous voter). A refused ballot is recorded as refused (ballot.refused: its hash and
   * the reason, never its text) and changes nothing else; the refusal is returned, citing its
   * rule. A ballot of an unknown ballot is refused without a record.
   */
  async castBallot(
    ballotId: string,
    text: string,
  ): Promise<Result<{ readonly tracker: string; readonly replaces: string | null; readonly seq: number }>> {
    const ballot = secretBallotOf(await this.state(), ballotId);
    if (ballot === undefined) {
      const rule = { source: 'Plenum', clause: 'governance.unknown' };
      return refused(rule, 'refusal.governance.ballotUnknown', {
        rule: 'Plenum governance.unknown',
        id: ballotId.slice(0, 80),
      });
    }
    const refuse = async (refusal: Refusal): Promise<Refusal> => {
      const detail = [refusal.params['where'], refusal.params['detail']].filter((p) => p !== undefined).join(': ');
      const recorded = await this.execute([
        {
          by: VOTER_SIGNER,
          command: {
            type: 'refuseBallot',
            ballotId,
            hash: hashJson(text),
            reason: refusal.messageKey,
            detail: detail.slice(0, 500),
            on: this.today(),
          },
        },
      ]);
      // Sent again, a refused ballot is refused for the same reason and recorded once
      // (ballotRefusedAlready): the first record stands for both.
      if (!recorded.ok && recorded.messageKey !== 'refusal.governance.ballotRefusedAlready') return recorded;
      return refusal;
    };
    const early = ballotBoxCheck(ballot, text);
    if (!early.ok) return refuse(early);
    if (ballot.election === null) throw new PlenumError('internal', 'an open ballot without its election');
    const checked = await this.#ballotVerifier(ballot.election, text);
    if (!checked.ok) return refuse(checked);
    const stored = await this.execute([{ by: VOTER_SIGNER, command: castCommand(ballotId, text, this.today()) }]);
    if (!stored.ok) return refuse(stored);
    const first = stored.value[0];
    const event = first === undefined ? undefined : (JSON.parse(first.payload) as { event: DomainEvent }).event;
    if (first === undefined || event?.type !== 'ballot.cast')
      throw new PlenumError('internal', 'a cast ballot was not recorded');
    return ok({ tracker: event.hash, replaces: event.replaces, seq: first.seq });
  }

  /** The encrypted tally of an open ballot's counted ballots, from the record (what closeBallot carries). */
  async encryptedTallyOf(ballotId: string): Promise<string | undefined> {
    const ballot = secretBallotOf(await this.state(), ballotId);
    if (ballot?.election == null) return undefined;
    if (ballot.encryptedTally !== null) return ballot.encryptedTally;
    return tallyOf(ballot, await castBallots(this.#storage, ballotId));
  }

  /** The ballot's public data as a Belenios archive, once it is open. */
  async ballotArchive(ballotId: string): Promise<Uint8Array | undefined> {
    const ballot = secretBallotOf(await this.state(), ballotId);
    if (ballot?.election == null) return undefined;
    const texts = await castBallots(this.#storage, ballotId);
    return archiveOf(ballot, texts, Math.floor(this.#clock().getTime() / 1000));
  }

  /** The organisation's name (its root unit's), or undefined while it has none. */
  async organisationName(): Promise<string | undefined> {
    return this.#serialise(async () => rootUnitOf((await this.#current()).state)?.name);
  }

  /**
   * The state of the organisation as the record has it now: every event folded in order.
   * Queries read it; it is never changed in place.
   */
  state(): Promise<GovernanceState> {
    return this.#serialise(async () => (await this.#current()).state);
  }

  /** Today, by this instance's clock, as the rules write days (YYYY-MM-DD, UTC). */
  today(): string {
    return this.#clock().toISOString().slice(0, 10);
  }

  /**
   * The first step of a command signed elsewhere (see commands.ts): the rules decide it on
   * the current state for `actor`, who must sign with `key` — the key the record binds to it;
   * an actor with no key in the record yet is refused (Plenum record.key-enrolment), except an
   * applicant applying, whose application binds it. Nothing is stored. The answer holds the
   * events and the bytes to sign for each; a refusal cites its rule.
   */
  prepareCommand(actor: GovActor, key: string, command: GovernanceCommand): Promise<Result<PreparedCommand>> {
    return this.#serialise(async () => {
      const known = await this.#current();
      return prepareOn(known.state, known.keys, this.#origin, actor, key, command);
    });
  }

  /**
   * The second step: the command is decided again on the state as it is now; if its events
   * are not exactly `events` (the organisation changed since prepare) it is a conflict and
   * nothing is stored. Then they are appended through `execute`, signed with `signatures` in
   * order, each checked before anything is stored (a bad one is invalid_input naming it).
   * Should the state change again between this check and the append, the signer notices that
   * the message to sign is not the one prepared, and it is the same conflict.
   */
  async submitCommand(
    actor: GovActor,
    key: string,
    command: GovernanceCommand,
    events: readonly unknown[],
    signatures: readonly string[],
  ): Promise<Result<readonly StoredEvent[]>> {
    const prepared = await this.prepareCommand(actor, key, command);
    if (!prepared.ok) return prepared;
    if (actor.kind === 'operator') throw new PlenumError('internal', 'the rules accepted a command from the operator');
    const expected = prepared.value;
    if (canonicalJson(expected.events) !== canonicalJson(events)) throw staleCommand();
    if (signatures.length !== expected.events.length) {
      const detail = `signatures: ${signatures.length} for ${expected.events.length} events`;
      throw new PlenumError('invalid_input', detail, { messageKey: 'error.invalidInput', params: { detail } });
    }
    const given = signatureBytes(signatures);
    let next = 0;
    // The events of a command follow from the command alone once the rules accept it (an
    // election gives one per person elected), so the same command never gives fewer events
    // than were prepared without one of them differing — which this signer refuses.
    const signer: EventSigner = {
      actor,
      publicKey: fromBase64(expected.key),
      holdsSecret: false,
      sign: (message) => {
        const i = next;
        next += 1;
        const want = expected.messages[i];
        const signature = given[i];
        if (want === undefined || signature === undefined || !bytesEqual(want, message)) {
          return Promise.reject(staleCommand());
        }
        return Promise.resolve(signature);
      },
    };
    return this.execute([{ by: signer, command }]);
  }

  /**
   * `plenum init`: the founders adopt the statute (the demo federation's unless another is
   * given) and found the root unit of its tree with this name; they go on from there (units,
   * bodies, the founding roll) until the congress is formed. Refuses to touch an initialised
   * store, and a statute that does not parse, citing the rule.
   */
  async initialise(
    name: string,
    founders: EventSigner,
    options: { readonly statute?: string; readonly on?: string } = {},
  ): Promise<Result<readonly StoredEvent[]>> {
    const existing = await this.organisationName();
    if (existing !== undefined) {
      throw new PlenumError('conflict', `already initialised as ${existing}`, {
        messageKey: 'error.alreadyInitialised',
        params: { name: existing },
      });
    }
    const text = options.statute ?? DEMO_STATUTE_YAML;
    const on = options.on ?? this.#clock().toISOString().slice(0, 10);
    const parsed = parseStatute(text);
    const level = parsed.ok ? (parsed.statute.units.levels[0] ?? 'root') : 'root';
    return this.execute([
      { by: founders, command: { type: 'adoptStatute', text, on } },
      { by: founders, command: { type: 'foundUnit', unit: { id: ROOT_UNIT_ID, level, name, parentId: null }, on } },
    ]);
  }

  /** `plenum demo`: creates the demo organisation in an empty store, or reuses what is there. */
  /**
   * The demo organisation, created on first start (an empty record) and reused after. With
   * `scenario: '1923'`, the 1923–24 discussion is played on top of it (once): the Platform of
   * the 46, the branch votes, the apportioned delegates and the second congress.
   */
  async ensureDemo(
    options: { readonly scenario?: '1923' } = {},
  ): Promise<{ readonly created: boolean; readonly name: string; readonly members: number }> {
    const signers = new Map<ActorRef, EventSigner>();
    const signerOf = (actor: EventSigner['actor']): EventSigner => {
      const ref = actorRef(actor);
      let signer = signers.get(ref);
      if (signer === undefined) {
        signer = this.localSigner(actor, demoActorSecret(actor));
        signers.set(ref, signer);
      }
      return signer;
    };
    const run = async (
      actions: readonly { actor: EventSigner['actor']; command: GovernanceCommand }[],
    ): Promise<void> => {
      const result = await this.execute(actions.map(({ actor, command }) => ({ by: signerOf(actor), command })));
      if (!result.ok) throw new PlenumError('internal', `demo refused: ${result.messageKey}`);
    };
    const existing = await this.organisationName();
    const scenario = options.scenario === '1923';
    if (existing !== undefined) {
      const state = await this.state();
      if (!scenario || state.congress.congresses.has(SCENARIO_1923.congressId)) {
        return { created: false, name: existing, members: currentMembers(state) };
      }
      // The demo exists: play the scenario's acts after it.
      await run(scenario1923AllActions().slice(demoOrganisationActions().length));
      return { created: true, name: existing, members: currentMembers(await this.state()) };
    }
    await run(scenario ? scenario1923AllActions() : demoOrganisationActions());
    return { created: true, name: DEMO_NAME, members: currentMembers(await this.state()) };
  }

  /**
   * The latest signed checkpoint, signing one first if the record has grown past it (a store
   * written before the log existed, or a crash between append and signing).
   */
  latestCheckpoint(): Promise<SignedCheckpoint | undefined> {
    return this.#serialise(async () => {
      const [latest, size] = await Promise.all([this.#storage.latestCheckpoint(), this.#storage.eventCount()]);
      if (this.#log === undefined || latest?.size === size) return latest;
      return signCheckpoint(this.#storage, this.#log, this.#clock().toISOString());
    });
  }

  /**
   * A witness's cosignature of one of this log's checkpoints (see acceptCosignature for
   * what is checked): kept, then told to subscribers. Refused when this server signs no log.
   */
  async acceptCosignature(input: { readonly witness: string; readonly cosigned: string }): Promise<StoredCosignature> {
    if (this.#log === undefined) throw new PlenumError('not_found', 'this server signs no log');
    const stored = await acceptCosignature(this.#storage, this.#log, input, this.#clock().toISOString());
    for (const listener of this.#cosignatureListeners) listener(stored);
    return stored;
  }

  // ─── E-mail circulation ────────────────────────────────────────────────────────────────

  /** Whether platforms and letters are circulated by e-mail as well (an SMTP server is configured). */
  get mailConfigured(): boolean {
    return this.#mail !== undefined;
  }

  /**
   * Keeps members' e-mail addresses, beside the record and never in it (the record is public).
   * An address that could not be one (or could smuggle a mail header) is refused, naming it.
   */
  async setContacts(contacts: readonly MemberContact[]): Promise<void> {
    for (const { memberId, email } of contacts) {
      if (!isId(memberId) || !isEmailAddress(email)) {
        const detail = `contact of ${isId(memberId) ? memberId : 'a member'}: not an e-mail address`;
        throw new PlenumError('invalid_input', detail, { messageKey: 'error.invalidInput', params: { detail } });
      }
    }
    await this.#storage.setContacts(contacts.map(({ memberId, email }) => ({ memberId, email: email.trim() })));
  }

  /**
   * Turns the events recorded since the mail cursor into messages: one per recipient with an
   * address of each platform circulated and letter delivered, queued in the outbox with the
   * cursor moved past them in one transaction (so a crash neither loses one nor queues it twice).
   * Nothing when mail is not configured. Answers how many messages were queued.
   */
  planMail(): Promise<number> {
    const settings = this.#mail;
    if (settings === undefined) return Promise.resolve(0);
    return this.#serialise(async () => {
      const { state, size } = await this.#current();
      let cursor = await this.#storage.mailCursor();
      let queued = 0;
      while (cursor < size) {
        const page = await this.#storage.readEvents(cursor, FOLD_PAGE);
        const last = page[page.length - 1]?.seq;
        if (last === undefined) break;
        const events: SeqEvent[] = page
          .filter((e) => MAIL_EVENT_TYPES.has(e.type))
          .map((e) => ({ seq: e.seq, event: eventOf(e) }));
        const needed = platformTextsNeeded(state, events);
        const earlier = needed.size === 0 ? new Map<string, string>() : await this.#draftedTexts(needed, cursor);
        const items = mailItems(state, events, settings, earlier);
        const recipients = [...new Set(items.flatMap((item) => item.recipients))];
        const addresses = new Map(
          (recipients.length === 0 ? [] : await this.#storage.contactsOf(recipients)).map((c) => [c.memberId, c.email]),
        );
        const createdAt = this.#clock().toISOString();
        const messages: NewMail[] = [];
        for (const item of items) {
          for (const memberId of item.recipients) {
            const to = addresses.get(memberId);
            if (to === undefined) continue;
            messages.push({ ref: item.ref, memberId, to, subject: item.subject, text: item.text, createdAt });
          }
        }
        queued += await this.#storage.enqueueMail(messages, last);
        cursor = last;
      }
      return queued;
    });
  }

  /**
   * How the e-mail of one item stands: sent, pending (retries included), failed (given up),
   * and its recipients who have no address (they have it in the app's inbox only). Counts
   * only: never an address.
   */
  async mailSummary(ref: string, recipients: number): Promise<MailSummary> {
    if (this.#mail === undefined) return { configured: false, sent: 0, pending: 0, failed: 0, withoutAddress: 0 };
    const counts: MailCounts = await this.#storage.mailSummary(ref);
    const planned = counts.sent + counts.pending + counts.failed;
    return { configured: true, ...counts, withoutAddress: Math.max(0, recipients - planned) };
  }

  /** How the e-mail of each item to one member stands, by ref (empty when mail is not configured). */
  async mailTo(memberId: string): Promise<ReadonlyMap<string, MailStatus>> {
    if (this.#mail === undefined) return new Map();
    return this.#storage.mailTo(memberId);
  }

  /** The first version's text of these platforms, from their platform.drafted in the record before `before`. */
  async #draftedTexts(platformIds: ReadonlySet<string>, before: number): Promise<Map<string, string>> {
    const texts = new Map<string, string>();
    for (let at = 0; at < before;) {
      const page = await this.#storage.readEvents(at, FOLD_PAGE);
      for (const stored of page) {
        if (stored.seq > before || stored.type !== 'platform.drafted') continue;
        const event = eventOf(stored);
        if (event.type === 'platform.drafted' && platformIds.has(event.platformId)) {
          texts.set(`${event.platformId}:1`, event.text);
        }
      }
      const last = page[page.length - 1]?.seq;
      if (last === undefined) break;
      at = last;
    }
    return texts;
  }

  subscribeCosignatures(listener: CosignatureListener): () => void {
    this.#cosignatureListeners.add(listener);
    return () => this.#cosignatureListeners.delete(listener);
  }

  subscribe(listener: EventListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * The state folded from the record, brought up to date: if the record has grown since
   * (another process appended), the new events are folded in; if it is not the record this
   * state was folded from (it shrank: a different store), it is folded again from the start.
   */
  async #current(): Promise<Known> {
    const size = await this.#storage.eventCount();
    let known = this.#known;
    if (known?.size === size) return known;
    if (known === undefined || known.size > size) known = { state: EMPTY_GOVERNANCE, size: 0, keys: new Map() };
    let state = known.state;
    let at = known.size;
    while (at < size) {
      const page = await this.#storage.readEvents(at, FOLD_PAGE);
      if (page.length === 0) break;
      state = evolveGovernance(state, page.map(eventOf));
      at = page[page.length - 1]?.seq ?? at;
    }
    known = { state, size: at, keys: await this.#storage.actorKeys() };
    this.#known = known;
    return known;
  }

  #notify(events: readonly StoredEvent[]): void {
    for (const listener of this.#listeners) listener(events);
  }

  #serialise<T>(work: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(work, work);
    this.#queue = run.catch(() => undefined);
    return run;
  }
}

/**
 * Decides the actions in order, each on the state the previous ones left: the actor must
 * sign with the key the record binds to it (binding it if it is the actor's first act), then
 * the rules decide the command for that actor.
 */
function decideAll(
  state: GovernanceState,
  keys: Map<ActorRef, string>,
  actions: readonly Action[],
): Result<{ state: GovernanceState; events: { by: EventSigner; event: DomainEvent }[] }> {
  // One copy of the state per batch, then each command's events applied in place: a batch
  // of n commands on an organisation of m members costs n + m, not n · m.
  const draft = draftGovernance(state);
  const events: { by: EventSigner; event: DomainEvent }[] = [];
  for (const { by, command } of actions) {
    const ref = actorRef(by.actor);
    const key = toBase64(by.publicKey);
    const bound = checkActorKey(keys.get(ref), ref, key);
    if (!bound.ok) return bound;
    const result = decideGovernance(draft, by.actor, command);
    if (!result.ok) return result;
    keys.set(ref, key);
    applyGovernance(draft, result.value);
    for (const event of result.value) events.push({ by, event });
  }
  return ok({ state: draft, events });
}

/** The ballot box: it signs nothing (see @plenum/record voterLeaf). */
const VOTER_SIGNER: EventSigner = {
  actor: { kind: 'voter' },
  publicKey: new Uint8Array(0),
  holdsSecret: true,
  sign: () => Promise.resolve(new Uint8Array(0)),
};

function castCommand(ballotId: string, ballot: string, on: string): GovernanceCommand {
  return { type: 'castBallot', ballotId, ballot, on };
}

/** The event of a stored leaf (the record's leaves were checked when they were appended). */
function eventOf(stored: StoredEvent): DomainEvent {
  return (JSON.parse(stored.payload) as { event: DomainEvent }).event;
}

/** The summary of an item's e-mail that the queries give. */
export interface MailSummary extends MailCounts {
  readonly configured: boolean;
  readonly withoutAddress: number;
}

/** The events the mail planner reads: those it mails, and those that carry a platform's text. */
const MAIL_EVENT_TYPES: ReadonlySet<string> = new Set([
  'platform.drafted',
  'platform.amended',
  'platform.circulated',
  'letter.delivered',
]);

/**
 * An e-mail address as Plenum keeps one: local@domain, no spaces, no control characters (a
 * line break could add a header to the message), at most 254 characters (RFC 5321).
 */
export function isEmailAddress(value: string): boolean {
  const email = value.trim();
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (/[\u0000-\u001f\u007f]/.test(email)) return false;
  return email.length <= 254 && /^[^\s@<>(),;:"[\]\\]+@[^\s@<>(),;:"[\]\\]+\.[^\s@<>(),;:"[\]\\]+$/.test(email);
}

/** The id `plenum init` gives the root unit. */
const ROOT_UNIT_ID = 'root';

function currentMembers(state: GovernanceState): number {
  let n = 0;
  for (const member of state.members.values()) if (member.status === 'member') n += 1;
  return n;
}

/**
 * An event is one leaf of the log, and a C2SP tlog-tiles entry bundle frames each entry with
 * a 16-bit length: a leaf longer than that could not be served, so it is never recorded.
 */
const MAX_LEAF_BYTES = 0xffff;

function checkLeafSize(event: DomainEvent, payload: string): void {
  const bytes = utf8(payload).length;
  if (bytes > MAX_LEAF_BYTES) {
    throw new PlenumError(
      'invalid_input',
      `event ${event.type} has ${bytes} bytes; the record takes at most ${MAX_LEAF_BYTES}`,
      {
        messageKey: 'error.invalidInput',
        params: { detail: `${event.type}: ${bytes} bytes > ${MAX_LEAF_BYTES}` },
      },
    );
  }
}
