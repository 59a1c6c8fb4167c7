import { describe, expect, it } from 'vitest';
import { isPlenumError } from '@plenum/kernel';
import {
  EMPTY_GOVERNANCE,
  bodyMembers,
  evolveGovernance,
  isMandateActive,
  membershipDays,
  type Actor,
  type GovernanceCommand,
  type GovernanceState,
  type VoteCount,
} from '@plenum/domain';
import { demoActorSecret } from '@plenum/demo';
import { leafPayload, nobleEd25519, verifySignedEvent, type EventSigner, type SignedEvent } from '@plenum/record';
import { Plenum, type StoragePort } from '@plenum/app';
import { logContract } from './log-contract.ts';
import { storeLifecycle } from './stores.ts';
import {
  CONTRACT_ORIGIN,
  FOUNDED_ON,
  FOUNDERS,
  FOUNDING,
  admission,
  failingSigner,
  signed,
  testSigner,
} from './signed-fixtures.ts';

/**
 * How the suite reaches an adapter. `open` may be called several times: each call opens the
 * same underlying store anew (same file, same database), as a restarted server would.
 */
export interface StorageHarness {
  open(): Promise<StoragePort>;
  /** Removes the store (file, schema) after the test. */
  dispose(): Promise<void>;
}

const AT = '2026-01-02T03:04:05.000Z';
/** A day after the demo's last act (2026-04-04): acts may not be dated before it. */
const AFTER_DEMO = '2026-05-01';

/** The state folded by hand from the record, page by page, as anyone holding it can. */
async function foldRecord(store: StoragePort, page = 100): Promise<GovernanceState> {
  let state = EMPTY_GOVERNANCE;
  let after = 0;
  for (;;) {
    const events = await store.readEvents(after, page);
    if (events.length === 0) return state;
    state = evolveGovernance(
      state,
      events.map((e) => (JSON.parse(e.payload) as SignedEvent).event),
    );
    after = events[events.length - 1]?.seq ?? after;
  }
}

/** A unanimous vote of the whole body on `on`: quorum and every majority of the statute met. */
function unanimous(state: GovernanceState, bodyId: string, on: string): VoteCount {
  const body = state.bodies.get(bodyId);
  if (body === undefined) throw new Error(`no body ${bodyId}`);
  const members = bodyMembers(state, body, on).length;
  return { yes: members, no: 0, abstain: 0, present: members };
}

/** The member holding a mandate (throws if there is no such mandate: the fixture is wrong). */
function holderOf(state: GovernanceState, mandateId: string): string {
  const mandate = state.mandates.get(mandateId);
  if (mandate === undefined) throw new Error(`no mandate ${mandateId}`);
  return mandate.memberId;
}

export function storageContract(adapterName: string, makeHarness: () => Promise<StorageHarness>): void {
  describe(`storage contract: ${adapterName}`, () => {
    let store: StoragePort;
    const { open, close } = storeLifecycle(makeHarness, (s) => {
      store = s;
    });

    it('opens a new store empty, at a schema version of at least 1', async () => {
      expect(await store.schemaVersion()).toBeGreaterThanOrEqual(1);
      expect(await store.readEvents(0, 10)).toEqual([]);
      expect(await store.eventCount()).toBe(0);
      expect(await store.actorKeys()).toEqual(new Map());
      expect(await store.latestCheckpoint()).toBeUndefined();
      expect(await new Plenum(store, { origin: CONTRACT_ORIGIN }).state()).toEqual(EMPTY_GOVERNANCE);
    });

    it('numbers appended events 1, 2, 3… and stores their signed leaves as they are', async () => {
      const leaves = await signed(FOUNDING);
      const stored = await store.append(leaves, AT);
      expect(stored.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6]);
      const more = await store.append(await signed([admission('m1', 'Петрова')]), AT);
      expect(more.map((e) => e.seq)).toEqual([7]);
      const read = await store.readEvents(0, 100);
      expect(read).toEqual([...stored, ...more]);
      expect(read[0]).toEqual({
        seq: 1,
        type: 'statute.adopted',
        payload: leafPayload(leaves[0]!.signed),
        recordedAt: AT,
      });
      expect(read[6]).toEqual({
        seq: 7,
        type: 'membership.admitted',
        payload: leafPayload((await signed([admission('m1', 'Петрова')]))[0]!.signed),
        recordedAt: AT,
      });
      expect(await store.eventCount()).toBe(7);
    });

    it('gives back every event exactly: folded, the record is the state of the events appended', async () => {
      const events = [...FOUNDING, admission('m2', 'Соколова'), admission('m1', 'Андреева', '1999-12-31')];
      await store.append(await signed(events), AT);
      const state = await foldRecord(store, 3);
      expect(state).toEqual(evolveGovernance(EMPTY_GOVERNANCE, events));
      expect(state.members.get('m1')).toEqual({
        id: 'm1',
        givenName: 'Ирина',
        familyName: 'Андреева',
        unitId: 'br-1',
        periods: [{ from: '1999-12-31', to: null }],
        status: 'member',
      });
      expect(state.statute?.title).toBe("Statute of the International Federation of Workers' Councils");
    });

    it('binds each actor to the key of its first signed event, for good', async () => {
      await store.append(await signed(FOUNDING.slice(0, 3)), AT);
      await store.append(await signed(FOUNDING.slice(3), { kind: 'body', id: 'cc' }), AT);
      const keys = await store.actorKeys();
      expect(keys).toEqual(
        new Map([
          ['founders', leafKey(testSigner(FOUNDERS))],
          ['body:cc', leafKey(testSigner({ kind: 'body', id: 'cc' }))],
        ]),
      );
      // A later leaf with another key does not rebind (the use case refuses such leaves first).
      const other = await signed([admission('m1', 'Петрова')]);
      await store.append(
        other.map((leaf) => ({ ...leaf, signed: { ...leaf.signed, actor: 'body:cc' } })),
        AT,
      );
      expect((await store.actorKeys()).get('body:cc')).toBe(keys.get('body:cc'));
      await close(store);
      expect(await (await open()).actorKeys()).toEqual(keys);
    });

    it('pages through events after a given sequence number', async () => {
      await store.append(await signed(FOUNDING), AT);
      expect((await store.readEvents(2, 2)).map((e) => e.seq)).toEqual([3, 4]);
      expect((await store.readEvents(4, 10)).map((e) => e.seq)).toEqual([5, 6]);
      expect(await store.readEvents(6, 10)).toEqual([]);
    });

    it('stores all of a batch or none of it', async () => {
      await store.append(await signed(FOUNDING), AT, () => 'checkpoint 6');
      const before = await store.readEvents(0, 100);
      const keys = await store.actorKeys();
      // The assembly's first act would bind its key; the checkpoint signer then fails, inside
      // the transaction, after the events, their tree hashes and the key were written.
      const assembly = { kind: 'body', id: 'as-1' } as const;
      const batch = await signed([admission('m1', 'Первая'), admission('m2', 'Вторая')], assembly);
      await expect(store.append(batch, AT, failingSigner)).rejects.toThrow(/unavailable/);
      expect(await store.readEvents(0, 100)).toEqual(before);
      expect(await store.eventCount()).toBe(FOUNDING.length);
      expect(await store.actorKeys()).toEqual(keys);
      expect(await store.latestCheckpoint()).toEqual({ size: 6, note: 'checkpoint 6', recordedAt: AT });
      expect((await new Plenum(store, { origin: CONTRACT_ORIGIN }).state()).members.size).toBe(0);
      // The store goes on as if the batch had never been offered.
      const next = await store.append(await signed([admission('m1', 'Новая')], assembly), AT);
      expect(next.map((e) => e.seq)).toEqual([7]);
      expect((await store.actorKeys()).get('body:as-1')).toBe(leafKey(testSigner(assembly)));
    });

    it('keeps everything across a reopen, and migrating again changes nothing', async () => {
      await store.append(await signed(FOUNDING), AT);
      const version = await store.schemaVersion();
      const events = await store.readEvents(0, 100);
      await close(store);
      const again = await open();
      expect(await again.schemaVersion()).toBe(version);
      expect(await again.readEvents(0, 100)).toEqual(events);
      const state = await new Plenum(again, { origin: CONTRACT_ORIGIN }).state();
      expect(state.units.get('sec-ru')?.name).toBe('Российская секция');
      expect(state).toEqual(evolveGovernance(EMPTY_GOVERNANCE, FOUNDING));
    });

    it('runs the use cases: the demo is created once and reused after a restart', async () => {
      const first = await new Plenum(store, { origin: CONTRACT_ORIGIN }).ensureDemo();
      expect(first.created).toBe(true);
      expect(first.members).toBeGreaterThan(150);
      const events = await store.eventCount();
      await close(store);
      const reopened = await open();
      const second = await new Plenum(reopened, { origin: CONTRACT_ORIGIN }).ensureDemo();
      expect(second).toEqual({ created: false, name: first.name, members: first.members });
      expect(await reopened.eventCount()).toBe(events);
    });

    describe('the record as a Merkle log', () => {
      logContract(() => store);
    });

    describe('the state is the fold of the record', () => {
      /** The demo's actors sign with their (public, demo-only) keys, as `plenum demo` does. */
      const demoSigner = (plenum: Plenum, actor: Actor): EventSigner =>
        plenum.localSigner(actor, demoActorSecret(actor));
      const body = (id: string): Actor => ({ kind: 'body', id });
      const member = (id: string): Actor => ({ kind: 'member', id });

      async function act(plenum: Plenum, actor: Actor, command: GovernanceCommand): Promise<GovernanceState> {
        const result = await plenum.execute([{ by: demoSigner(plenum, actor), command }]);
        expect(result).toMatchObject({ ok: true });
        return plenum.state();
      }

      it('refuses a command citing its clause, and stores nothing of its batch', async () => {
        const plenum = new Plenum(store, { origin: CONTRACT_ORIGIN });
        await plenum.ensureDemo();
        const before = await store.eventCount();
        const state = await plenum.state();
        const newcomer = (id: string) => ({ id, givenName: 'Rosa', familyName: 'Nova', unitId: 'br-recife' });
        const byAssembly = {
          by: demoSigner(plenum, body('assembly-br-recife')),
          command: {
            type: 'admitMember',
            member: newcomer('n-first'),
            applicationId: null,
            on: AFTER_DEMO,
            vote: unanimous(state, 'assembly-br-recife', AFTER_DEMO),
          },
        } as const;
        // The central committee may not admit: the branch assembly does (Statute §3.2).
        const byCommittee = await plenum.execute([
          byAssembly,
          {
            by: demoSigner(plenum, body('central-committee')),
            command: { ...byAssembly.command, member: newcomer('n-second') },
          },
        ]);
        expect(byCommittee).toMatchObject({
          ok: false,
          rule: { source: 'Statute', clause: '§3.2' },
          messageKey: 'refusal.governance.notAllowed',
          params: { who: 'body:central-committee' },
        });
        // The assembly itself, with fewer present than its quorum (Statute §8.1).
        const members = unanimous(state, 'assembly-br-recife', AFTER_DEMO).present;
        const few = Math.ceil(members / 2) - 1;
        const inquorate = await plenum.execute([
          { ...byAssembly, command: { ...byAssembly.command, vote: { yes: few, no: 0, abstain: 0, present: few } } },
        ]);
        expect(inquorate).toMatchObject({
          ok: false,
          rule: { source: 'Statute', clause: '§8.1' },
          messageKey: 'refusal.governance.quorum',
          params: { present: few, members },
        });
        expect(await store.eventCount()).toBe(before);
        expect((await plenum.state()).members.has('n-first')).toBe(false);
        expect(await plenum.state()).toEqual(state);
      });

      it('ACCEPTANCE: the state rebuilt from the record equals the live state', async () => {
        const plenum = new Plenum(store, { origin: CONTRACT_ORIGIN });
        await plenum.ensureDemo();
        const on = AFTER_DEMO;

        // An applicant applies; the branch assembly admits her by its vote.
        const applicant: Actor = { kind: 'applicant', id: 'n-rosa' };
        const rosa = { id: 'n-rosa', givenName: 'Rosa', familyName: 'Nova', unitId: 'br-recife' };
        let state = await act(plenum, applicant, { type: 'applyForMembership', application: rosa, on });
        state = await act(plenum, body('assembly-br-recife'), {
          type: 'admitMember',
          member: rosa,
          applicationId: 'n-rosa',
          on,
          vote: unanimous(state, 'assembly-br-recife', on),
        });
        // Recife's secretary moves to Rio, by the vote of the receiving assembly: her office
        // in Recife ends with the transfer, and Recife elects a new secretary.
        const secretary = holderOf(state, 'secretary-br-recife');
        state = await act(plenum, body('assembly-br-rio'), {
          type: 'transferMember',
          memberId: secretary,
          toUnitId: 'br-rio',
          on,
          vote: unanimous(state, 'assembly-br-rio', on),
        });
        const successor = [...state.members.values()].find(
          (m) => m.unitId === 'br-recife' && m.status === 'member' && membershipDays(m, on) >= 180,
        );
        state = await act(plenum, body('assembly-br-recife'), {
          type: 'recordElection',
          bodyId: 'assembly-br-recife',
          office: 'branch-secretary',
          elected: [{ mandateId: 'secretary-br-recife-2', memberId: successor?.id ?? '' }],
          on,
        });
        // A delegate resigns from the organisation; her mandate ends with her membership.
        const delegates = [...state.mandates.values()].filter((m) => m.bodyId === 'congress' && isMandateActive(m, on));
        const resigning = delegates[0]?.memberId ?? '';
        state = await act(plenum, member(resigning), { type: 'resign', memberId: resigning, on });
        // A quarter of Rio's members petition to recall their branch secretary, and the
        // assembly recalls her and elects another member (the congress, not in session, could
        // not recall a committee member: Statute §5.2).
        const seat = state.mandates.get('secretary-br-rio');
        const rioVoters = bodyMembers(state, state.bodies.get('assembly-br-rio')!, on).filter(
          (id) => id !== seat?.memberId,
        );
        const petitioners = rioVoters.slice(0, Math.ceil(rioVoters.length / 4));
        for (const id of petitioners) {
          state = await act(plenum, member(id), { type: 'signRecall', mandateId: seat?.id ?? '', on });
        }
        expect(state.recallSignatures.get(seat?.id ?? '')).toHaveLength(petitioners.length);
        state = await act(plenum, body('assembly-br-rio'), {
          type: 'decideRecall',
          mandateId: seat?.id ?? '',
          on,
          vote: unanimous(state, 'assembly-br-rio', on),
        });
        const holding = new Set(
          [...state.mandates.values()].filter((m) => isMandateActive(m, on)).map((m) => m.memberId),
        );
        const newcomer = [...state.members.values()].find(
          (m) =>
            m.unitId === 'br-rio' &&
            m.status === 'member' &&
            !holding.has(m.id) &&
            m.id !== seat?.memberId &&
            membershipDays(m, on) >= 180,
        );
        await act(plenum, body('assembly-br-rio'), {
          type: 'recordElection',
          bodyId: 'assembly-br-rio',
          office: 'branch-secretary',
          elected: [{ mandateId: 'secretary-br-rio-2', memberId: newcomer?.id ?? '' }],
          on,
        });
        // And the new member joins the tendency.
        state = await act(plenum, member('n-rosa'), { type: 'joinTendency', tendencyId: 'tendency-councils', on });

        // What the run did, as the live state has it.
        expect(state.members.get('n-rosa')?.status).toBe('member');
        expect(state.applications.get('n-rosa')?.status).toBe('admitted');
        expect(state.members.get(secretary)?.unitId).toBe('br-rio');
        expect(state.mandates.get('secretary-br-recife')?.ended).toEqual({ on, reason: 'transferred' });
        expect(state.mandates.get('secretary-br-recife-2')?.memberId).toBe(successor?.id);
        expect(state.members.get(resigning)?.status).toBe('resigned');
        expect(state.mandates.get(delegates[0]?.id ?? '')?.ended).toEqual({ on, reason: 'membership-ended' });
        expect(state.mandates.get(seat?.id ?? '')?.ended).toEqual({ on, reason: 'recalled' });
        expect(state.recallSignatures.has(seat?.id ?? '')).toBe(false);
        expect(state.mandates.get('secretary-br-rio-2')?.memberId).toBe(newcomer?.id);
        expect(state.tendencies.get('tendency-councils')?.members).toContain('n-rosa');

        // The same state, rebuilt from the record: by a new Plenum over the reopened store…
        const count = await store.eventCount();
        await close(store);
        const reopened = await open();
        expect(await reopened.eventCount()).toBe(count);
        expect(await new Plenum(reopened, { origin: CONTRACT_ORIGIN }).state()).toEqual(state);
        // …and by folding its events here, from nothing, with the domain's evolve alone.
        expect(await foldRecord(reopened)).toEqual(state);
      });

      it('catches up with events another Plenum appended to the same store after it had loaded', async () => {
        const first = new Plenum(store, { origin: CONTRACT_ORIGIN });
        await first.ensureDemo();
        const loaded = await first.state();
        // Another process: a second connection to the same store, and its own Plenum.
        const second = new Plenum(await open(), { origin: CONTRACT_ORIGIN });
        const leaving = [...loaded.members.values()].find((m) => m.status === 'member')?.id ?? '';
        const resigned = await second.execute([
          {
            by: demoSigner(second, member(leaving)),
            command: { type: 'resign', memberId: leaving, on: AFTER_DEMO },
          },
        ]);
        expect(resigned.ok).toBe(true);

        const caughtUp = await first.state();
        expect(caughtUp.members.get(leaving)?.status).toBe('resigned');
        expect(caughtUp).toEqual(await second.state());
        expect(caughtUp).toEqual(await foldRecord(store));
        // It decides on what it caught up with: the key the other Plenum bound for the member…
        const impostor = await first.execute([
          {
            by: testSigner(member(leaving)),
            command: { type: 'resign', memberId: leaving, on: AFTER_DEMO },
          },
        ]);
        expect(impostor).toMatchObject({ ok: false, rule: { source: 'Plenum', clause: 'record.actor-key' } });
        // …and her membership, which has ended.
        const again = await first.execute([
          {
            by: demoSigner(first, member(leaving)),
            command: { type: 'resign', memberId: leaving, on: AFTER_DEMO },
          },
        ]);
        expect(again).toMatchObject({
          ok: false,
          rule: { source: 'Plenum', clause: 'governance.actor-exists' },
          params: { actor: `member:${leaving}` },
        });
        // And what it appends, the other sees.
        const joining =
          [...caughtUp.members.values()].find(
            (m) => m.status === 'member' && !caughtUp.tendencies.get('tendency-councils')?.members.includes(m.id),
          )?.id ?? '';
        await act(first, member(joining), { type: 'joinTendency', tendencyId: 'tendency-councils', on: AFTER_DEMO });
        expect((await second.state()).tendencies.get('tendency-councils')?.members).toContain(joining);
      });
    });

    describe('signed events', () => {
      const cc = { kind: 'body', id: 'cc' } as const;
      const section = (id: string) =>
        ({
          type: 'foundUnit',
          unit: { id, level: 'section', name: id, parentId: 'root' },
          on: FOUNDED_ON,
        }) as const;
      const formCc = {
        type: 'formBody',
        body: { id: 'cc', kind: 'central-committee', name: 'CC', unitId: 'root' },
        on: FOUNDED_ON,
      } as const;

      /** `plenum init`: the founders adopt the demo statute and found the root unit. */
      async function founded(): Promise<Plenum> {
        const plenum = new Plenum(store, { origin: CONTRACT_ORIGIN });
        const result = await plenum.initialise('Union', testSigner(FOUNDERS), { on: FOUNDED_ON });
        expect(result.ok).toBe(true);
        return plenum;
      }

      async function leavesOf(): Promise<SignedEvent[]> {
        return (await store.readEvents(0, 1000)).map((e) => JSON.parse(e.payload) as SignedEvent);
      }

      it('stores each event signed by its actor, verifiable with the key the record binds', async () => {
        const plenum = await founded();
        const result = await plenum.execute([
          { by: testSigner(FOUNDERS), command: formCc },
          { by: testSigner(cc), command: section('sec-a') },
        ]);
        expect(result.ok).toBe(true);
        const leaves = await leavesOf();
        expect(leaves.map((l) => [l.actor, l.event.type])).toEqual([
          ['founders', 'statute.adopted'],
          ['founders', 'unit.founded'],
          ['founders', 'body.formed'],
          ['body:cc', 'unit.founded'],
        ]);
        const keys = await store.actorKeys();
        for (const leaf of leaves) {
          expect(verifySignedEvent(CONTRACT_ORIGIN, leaf, nobleEd25519)).toBe(true);
          expect(leaf.key).toBe(keys.get(leaf.actor));
        }
        expect(verifySignedEvent('plenum.test/another-log', leaves[3]!, nobleEd25519)).toBe(false);
        expect(keys.get('body:cc')).toBe(leafKey(testSigner(cc)));
      });

      it('refuses an actor who signs with another key than the record binds, citing the rule', async () => {
        const plenum = await founded();
        const before = await store.eventCount();
        const result = await plenum.execute([{ by: testSigner(FOUNDERS, 'stolen?'), command: formCc }]);
        expect(result).toMatchObject({
          ok: false,
          rule: { source: 'Plenum', clause: 'record.actor-key' },
          messageKey: 'refusal.record.actorKey',
          params: { actor: 'founders' },
        });
        expect(await store.eventCount()).toBe(before);
      });

      it('refuses an unknown member or body, and the founders once the congress exists', async () => {
        const plenum = await founded();
        const before = await store.eventCount();
        const noBody = await plenum.execute([{ by: testSigner(cc), command: section('sec-a') }]);
        expect(noBody).toMatchObject({
          ok: false,
          rule: { source: 'Plenum', clause: 'governance.actor-exists' },
          messageKey: 'refusal.governance.unknownBody',
          params: { id: 'cc' },
        });
        const noMember = await plenum.execute([
          { by: testSigner({ kind: 'member', id: 'nobody' }), command: section('sec-a') },
        ]);
        expect(noMember).toMatchObject({
          ok: false,
          rule: { source: 'Plenum', clause: 'governance.actor-exists' },
          messageKey: 'refusal.governance.notAMember',
          params: { actor: 'member:nobody' },
        });
        expect(await store.eventCount()).toBe(before);
        // A refused actor binds no key: the record has none for them.
        expect((await store.actorKeys()).has('body:cc')).toBe(false);
      });

      it('refuses the founders once the first congress has opened', async () => {
        // The demo: the founders call the first congress, which the branches' delegates open.
        const plenum = new Plenum(store, { origin: CONTRACT_ORIGIN });
        await plenum.ensureDemo();
        const before = await store.eventCount();
        const late = await plenum.execute([
          { by: plenum.localSigner(FOUNDERS, demoActorSecret(FOUNDERS)), command: { ...formCc, on: '2026-06-01' } },
        ]);
        expect(late).toMatchObject({
          ok: false,
          rule: { source: 'Plenum', clause: 'governance.founders-period' },
          messageKey: 'refusal.governance.foundersDone',
        });
        expect(await store.eventCount()).toBe(before);
        expect((await plenum.state()).bodies.has('cc')).toBe(false);
      });

      it('refuses a signature that does not verify, and stores nothing', async () => {
        const plenum = await founded();
        const honest = testSigner(FOUNDERS);
        const forger: EventSigner = {
          actor: FOUNDERS,
          publicKey: honest.publicKey,
          sign: async (message) => {
            const signature = await honest.sign(message);
            signature[0] = (signature[0] ?? 0) ^ 1;
            return signature;
          },
        };
        const before = await store.eventCount();
        const failure = await plenum.execute([{ by: forger, command: formCc }]).then(
          () => undefined,
          (error: unknown) => error,
        );
        expect(isPlenumError(failure) && failure.code === 'invalid_input').toBe(true);
        expect(isPlenumError(failure) && failure.messageKey).toBe('error.badEventSignature');
        expect(await store.eventCount()).toBe(before);
        // The instance still works: the failed command left no trace in its state. A signer
        // that signs elsewhere (a browser) is checked, and accepted when its signature is good.
        const remote: EventSigner = { actor: FOUNDERS, publicKey: honest.publicKey, sign: (m) => honest.sign(m) };
        expect((await plenum.execute([{ by: remote, command: formCc }])).ok).toBe(true);
        expect((await plenum.state()).bodies.has('cc')).toBe(true);
      });
    });
  });
}

function leafKey(signer: EventSigner): string {
  return Buffer.from(signer.publicKey).toString('base64');
}
