import { sha256 } from '@noble/hashes/sha2.js';
import { utf8 } from '@plenum/kernel';
import { DEMO_STATUTE_YAML, actorRef, type Actor, type DomainEvent } from '@plenum/domain';
import { leafPayload, localEventSigner, nobleEd25519, signEvent, type EventSigner } from '@plenum/record';
import type { CheckpointSigner, RecordLeaf } from '@plenum/app';

/** The origin the contract's records are signed for. */
export const CONTRACT_ORIGIN = 'plenum.test/contract';

export const FOUNDERS: Actor = { kind: 'founders' };

/** The day of the fixtures' acts. */
export const FOUNDED_ON = '2026-01-10';

/**
 * A small organisation as its founders record it, event by event, under the demo statute:
 * the statute, a federation, a section, a branch, the branch's assembly and the central
 * committee. Appended straight to the port (no rules run there), it is still a record the
 * rules would accept, so that folding it gives a meaningful state.
 */
export const FOUNDING: readonly DomainEvent[] = [
  { type: 'statute.adopted', text: DEMO_STATUTE_YAML, version: 1, on: FOUNDED_ON },
  {
    type: 'unit.founded',
    unit: { id: 'fed', level: 'federation', name: 'Federação', parentId: null },
    on: FOUNDED_ON,
  },
  {
    type: 'unit.founded',
    unit: { id: 'sec-ru', level: 'section', name: 'Российская секция', parentId: 'fed' },
    on: FOUNDED_ON,
  },
  {
    type: 'unit.founded',
    unit: { id: 'br-1', level: 'branch', name: 'Московская', parentId: 'sec-ru' },
    on: FOUNDED_ON,
  },
  {
    type: 'body.formed',
    body: { id: 'as-1', kind: 'branch-assembly', name: 'Assembly', unitId: 'br-1' },
    on: FOUNDED_ON,
  },
  { type: 'body.formed', body: { id: 'cc', kind: 'central-committee', name: 'CC', unitId: 'fed' }, on: FOUNDED_ON },
];

/** The founders' admission of a member of branch br-1 to the founding roll. */
export function admission(id: string, familyName: string, since = '2001-09-11'): DomainEvent {
  return {
    type: 'membership.admitted',
    member: { id, givenName: 'Ирина', familyName, unitId: 'br-1' },
    applicationId: null,
    on: FOUNDED_ON,
    since,
    vote: null,
  };
}

/** `count` admissions of members m<from>, m<from + 1>, … */
export function admissions(from: number, count: number): DomainEvent[] {
  return Array.from({ length: count }, (_, i) => admission(`m${from + i}`, `Nr ${from + i}`, '2020-02-02'));
}

/** A signer for an actor of the contract's tests, its secret derived from the actor (test-only). */
export function testSigner(actor: Actor, variant = ''): EventSigner {
  return localEventSigner(actor, sha256(utf8(`contract ${actorRef(actor)} ${variant}`)), nobleEd25519);
}

/** Signs events as the actor would, into the leaves the storage port appends. */
export async function signed(events: readonly DomainEvent[], actor: Actor = FOUNDERS): Promise<RecordLeaf[]> {
  const signer = testSigner(actor);
  const leaves: RecordLeaf[] = [];
  for (const event of events) {
    const leaf = await signEvent(CONTRACT_ORIGIN, signer, event);
    leaves.push({ signed: leaf, payload: leafPayload(leaf) });
  }
  return leaves;
}

/**
 * A checkpoint signer that fails (the log key gone, a hardware signer unplugged). It runs
 * inside the append's transaction, after the events, tree hashes and actors' keys are
 * written, so its failure must take all of them back: a real failure inside an append.
 */
export const failingSigner: CheckpointSigner = () => {
  throw new Error('the log key is unavailable');
};
