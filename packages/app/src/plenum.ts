import { PlenumError, canonicalJson, ok, type Result } from '@plenum/kernel';
import {
  decide,
  evolveAll,
  federationOf,
  type DomainEvent,
  type OrganisationState,
  type StructureCommand,
} from '@plenum/domain';
import { DEMO_NAME, demoOrganisationCommands } from '@plenum/demo';
import type { StoragePort, StoredEvent } from './storage-port.ts';

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
  readonly #listeners = new Set<EventListener>();
  #queue: Promise<unknown> = Promise.resolve();

  constructor(storage: StoragePort, clock: Clock = () => new Date()) {
    this.#storage = storage;
    this.#clock = clock;
  }

  get storage(): StoragePort {
    return this.#storage;
  }

  /** Decides all commands in order; if any is refused, nothing is stored. */
  execute(commands: readonly StructureCommand[]): Promise<Result<readonly StoredEvent[]>> {
    return this.#serialise(async () => {
      const decided = decideAll(await this.#storage.loadOrganisation(), commands);
      if (!decided.ok) return decided;
      const stored = await this.#storage.append(decided.value, this.#clock().toISOString());
      this.#notify(stored);
      return ok(stored);
    });
  }

  /** The organisation's name, or undefined if the store is empty. */
  async organisationName(): Promise<string | undefined> {
    return federationOf(await this.#storage.loadOrganisation())?.name;
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

  subscribe(listener: EventListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
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

function decideAll(initial: OrganisationState, commands: readonly StructureCommand[]): Result<DomainEvent[]> {
  let state = initial;
  const events: DomainEvent[] = [];
  for (const command of commands) {
    const result = decide(state, command);
    if (!result.ok) return result;
    state = evolveAll(state, result.value);
    events.push(...result.value);
  }
  return ok(events);
}

/** The bytes of an event in the record. Adapters store exactly this string. */
export function eventPayload(event: DomainEvent): string {
  return canonicalJson(event);
}
