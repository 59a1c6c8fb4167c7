import { PlenumError, canonicalJson, ok, utf8, type Result } from '@plenum/kernel';
import {
  applyInPlace,
  decide,
  draftOf,
  federationOf,
  type OrganisationDraft,
  type DomainEvent,
  type OrganisationState,
  type StructureCommand,
} from '@plenum/domain';
import { DEMO_NAME, demoOrganisationCommands } from '@plenum/demo';
import type { SignedCheckpoint, StoragePort, StoredEvent } from './storage-port.ts';
import { checkpointSigner, signCheckpoint, type LogIdentity } from './record-log.ts';

export type Clock = () => Date;
export type EventListener = (events: readonly StoredEvent[]) => void;

/**
 * The use cases. Each one loads state, lets the pure domain decide, appends the resulting
 * events in one transaction and tells subscribers. Commands are serialised in this process,
 * so two of them never decide on the same stale state.
 */
export class Plenum {
  readonly #storage: StoragePort;
  readonly #clock: Clock;
  readonly #log: LogIdentity | undefined;
  readonly #listeners = new Set<EventListener>();
  /**
   * The state the rules decide on, kept between commands: this instance is the only writer
   * (commands are serialised below), so after a successful append it is exactly the stored
   * state. Dropped whenever an append fails. (Several server processes on one database will
   * need to check the record's size before trusting it.)
   */
  #state: OrganisationState | undefined;
  #queue: Promise<unknown> = Promise.resolve();

  /**
   * Without a log identity nothing is signed (tests of the rules alone); a server always
   * has one, made by `plenum init`.
   */
  constructor(storage: StoragePort, options: { readonly clock?: Clock; readonly log?: LogIdentity } = {}) {
    this.#storage = storage;
    this.#clock = options.clock ?? (() => new Date());
    this.#log = options.log;
  }

  /** The log's origin and verifier key holder, if this instance signs checkpoints. */
  get log(): LogIdentity | undefined {
    return this.#log;
  }

  get storage(): StoragePort {
    return this.#storage;
  }

  /** Decides all commands in order; if any is refused, nothing is stored. */
  execute(commands: readonly StructureCommand[]): Promise<Result<readonly StoredEvent[]>> {
    return this.#serialise(async () => {
      const draft = draftOf(await this.#currentState());
      const decided = decideAll(draft, commands);
      if (!decided.ok) return decided;
      decided.value.forEach(checkEventSize);
      const recordedAt = this.#clock().toISOString();
      const sign = this.#log === undefined ? undefined : checkpointSigner(this.#log);
      this.#state = undefined;
      const stored = await this.#storage.append(decided.value, recordedAt, sign);
      this.#state = draft;
      this.#notify(stored);
      return ok(stored);
    });
  }

  /** The organisation's name, or undefined if the store is empty. */
  async organisationName(): Promise<string | undefined> {
    return this.#serialise(async () => federationOf(await this.#currentState())?.name);
  }

  /** `plenum init`: founds an empty organisation; refuses to touch an initialised store. */
  async initialise(name: string): Promise<void> {
    const existing = await this.organisationName();
    if (existing !== undefined) {
      throw new PlenumError('conflict', `already initialised as ${existing}`, {
        messageKey: 'error.alreadyInitialised',
        params: { name: existing },
      });
    }
    const result = await this.execute([
      {
        type: 'foundOrganisation',
        unit: { id: 'federation', kind: 'federation', name, parentId: null, country: null },
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
    const result = await this.execute(demoOrganisationCommands());
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

  subscribe(listener: EventListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async #currentState(): Promise<OrganisationState> {
    this.#state ??= await this.#storage.loadOrganisation();
    return this.#state;
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

/** Decides the commands in order, each on the state the previous ones left (in the draft). */
function decideAll(draft: OrganisationDraft, commands: readonly StructureCommand[]): Result<DomainEvent[]> {
  const events: DomainEvent[] = [];
  for (const command of commands) {
    const result = decide(draft, command);
    if (!result.ok) return result;
    for (const event of result.value) applyInPlace(draft, event);
    events.push(...result.value);
  }
  return ok(events);
}

/**
 * An event is one leaf of the log, and a C2SP tlog-tiles entry bundle frames each entry with
 * a 16-bit length: an event longer than that could not be served, so it is never recorded.
 */
const MAX_EVENT_BYTES = 0xffff;

function checkEventSize(event: DomainEvent): void {
  const bytes = utf8(eventPayload(event)).length;
  if (bytes > MAX_EVENT_BYTES) {
    throw new PlenumError(
      'invalid_input',
      `event ${event.type} has ${bytes} bytes; the record takes at most ${MAX_EVENT_BYTES}`,
      {
        messageKey: 'error.invalidInput',
        params: { detail: `${event.type}: ${bytes} bytes > ${MAX_EVENT_BYTES}` },
      },
    );
  }
}

/** The bytes of an event in the record. Adapters store exactly this string. */
export function eventPayload(event: DomainEvent): string {
  return canonicalJson(event);
}
