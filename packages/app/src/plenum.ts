import { PlenumError, ok, toBase64, utf8, type Result } from '@plenum/kernel';
import {
  actorRef,
  applyInPlace,
  checkActor,
  decide,
  draftOf,
  federationOf,
  type ActorRef,
  type OrganisationDraft,
  type DomainEvent,
  type OrganisationState,
  type StructureCommand,
} from '@plenum/domain';
import { DEMO_NAME, demoActorSecret, demoOrganisationActions } from '@plenum/demo';
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
import type { RecordLeaf, SignedCheckpoint, StoragePort, StoredCosignature, StoredEvent } from './storage-port.ts';
import { checkpointSigner, signCheckpoint, type LogIdentity } from './record-log.ts';
import { acceptCosignature } from './witnesses.ts';

export type Clock = () => Date;
export type EventListener = (events: readonly StoredEvent[]) => void;
export type CosignatureListener = (cosignature: StoredCosignature) => void;

/** A command and the signer of the actor who gives it. */
export interface Action {
  readonly by: EventSigner;
  readonly command: StructureCommand;
}

/**
 * Every Plenum belongs to one record, named by its origin: the log key's name when it signs
 * checkpoints (a server always does, with the key `plenum init` made), or a bare origin for
 * tests of the rules alone. Events are signed for that origin.
 */
export type PlenumOptions = {
  readonly clock?: Clock;
  /** Ed25519 for event signatures; @noble/curves by default, node:crypto in a Node process. */
  readonly signatures?: SignatureScheme;
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
  readonly #listeners = new Set<EventListener>();
  readonly #cosignatureListeners = new Set<CosignatureListener>();
  /**
   * The state the rules decide on, kept between commands: this instance is the only writer
   * (commands are serialised below), so after a successful append it is exactly the stored
   * state. Dropped whenever an append fails. (Several server processes on one database will
   * need to check the record's size before trusting it.)
   */
  #state: OrganisationState | undefined;
  /** The actors' keys as the record binds them; kept and dropped with #state. */
  #keys: ActorKeys | undefined;
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
      const draft = draftOf(await this.#currentState());
      const keys = new Map<ActorRef, string>(await this.#currentKeys());
      const decided = decideAll(draft, keys, actions);
      if (!decided.ok) return decided;
      const leaves: RecordLeaf[] = [];
      for (const { by, event } of decided.value) leaves.push(await this.#leaf(by, event));
      const recordedAt = this.#clock().toISOString();
      const sign = this.#log === undefined ? undefined : checkpointSigner(this.#log);
      this.#state = undefined;
      this.#keys = undefined;
      const stored = await this.#storage.append(leaves, recordedAt, sign);
      this.#state = draft;
      this.#keys = keys;
      this.#notify(stored);
      return ok(stored);
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

  /** The organisation's name, or undefined if the store is empty. */
  async organisationName(): Promise<string | undefined> {
    return this.#serialise(async () => federationOf(await this.#currentState())?.name);
  }

  /** `plenum init`: the founders found an empty organisation; refuses to touch an initialised store. */
  async initialise(name: string, founders: EventSigner): Promise<void> {
    const existing = await this.organisationName();
    if (existing !== undefined) {
      throw new PlenumError('conflict', `already initialised as ${existing}`, {
        messageKey: 'error.alreadyInitialised',
        params: { name: existing },
      });
    }
    const result = await this.execute([
      {
        by: founders,
        command: {
          type: 'foundOrganisation',
          unit: { id: 'federation', kind: 'federation', name, parentId: null, country: null },
        },
      },
    ]);
    if (!result.ok) throw new PlenumError('internal', `founding refused: ${result.messageKey}`);
  }

  /** `plenum demo`: creates the demo organisation in an empty store, or reuses what is there. */
  async ensureDemo(): Promise<{ readonly created: boolean; readonly name: string; readonly members: number }> {
    const existing = await this.organisationName();
    if (existing !== undefined) {
      return { created: false, name: existing, members: (await this.#storage.overview()).memberTotal };
    }
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
    const result = await this.execute(
      demoOrganisationActions().map(({ actor, command }) => ({ by: signerOf(actor), command })),
    );
    if (!result.ok) throw new PlenumError('internal', `demo refused: ${result.messageKey}`);
    return { created: true, name: DEMO_NAME, members: (await this.#storage.overview()).memberTotal };
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

  subscribeCosignatures(listener: CosignatureListener): () => void {
    this.#cosignatureListeners.add(listener);
    return () => this.#cosignatureListeners.delete(listener);
  }

  subscribe(listener: EventListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async #currentState(): Promise<OrganisationState> {
    this.#state ??= await this.#storage.loadOrganisation();
    return this.#state;
  }

  async #currentKeys(): Promise<ActorKeys> {
    this.#keys ??= await this.#storage.actorKeys();
    return this.#keys;
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
 * Decides the actions in order, each on the state the previous ones left (in the draft): the
 * actor must exist and sign with the key the record binds to it (binding it if it is the
 * actor's first act), then the rules decide the command.
 */
function decideAll(
  draft: OrganisationDraft,
  keys: Map<ActorRef, string>,
  actions: readonly Action[],
): Result<{ by: EventSigner; event: DomainEvent }[]> {
  const events: { by: EventSigner; event: DomainEvent }[] = [];
  for (const { by, command } of actions) {
    const actor = checkActor(draft, by.actor);
    if (!actor.ok) return actor;
    const ref = actorRef(by.actor);
    const key = toBase64(by.publicKey);
    const bound = checkActorKey(keys.get(ref), ref, key);
    if (!bound.ok) return bound;
    keys.set(ref, key);
    const result = decide(draft, command);
    if (!result.ok) return result;
    for (const event of result.value) {
      applyInPlace(draft, event);
      events.push({ by, event });
    }
  }
  return ok(events);
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
