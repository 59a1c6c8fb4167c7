import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isPlenumError } from '@plenum/kernel';
import { EMPTY_ORGANISATION, evolveAll, type DomainEvent, type Member } from '@plenum/domain';
import { leafPayload, nobleEd25519, verifySignedEvent, type EventSigner, type SignedEvent } from '@plenum/record';
import { Plenum, type StoragePort } from '@plenum/app';
import { logContract } from './log-contract.ts';
import { CONTRACT_ORIGIN, FOUNDERS, signed, testSigner } from './signed-fixtures.ts';

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

const founding: DomainEvent[] = [
  {
    type: 'organisation.founded',
    unit: { id: 'fed', kind: 'federation', name: 'Federação', parentId: null, country: null },
  },
  {
    type: 'unit.created',
    unit: { id: 'sec-ru', kind: 'section', name: 'Российская секция', parentId: 'fed', country: 'RU' },
  },
  { type: 'unit.created', unit: { id: 'br-1', kind: 'branch', name: 'Московская', parentId: 'sec-ru', country: 'RU' } },
  { type: 'body.constituted', body: { id: 'cc', kind: 'central-committee', name: 'CC', unitId: 'fed', seats: 15 } },
  {
    type: 'body.constituted',
    body: { id: 'as-1', kind: 'branch-assembly', name: 'Assembly', unitId: 'br-1', seats: null },
  },
];

function member(id: string, familyName: string): Member {
  return { id, givenName: 'Ирина', familyName, unitId: 'br-1', admittedOn: '2001-09-11' };
}

export function storageContract(adapterName: string, makeHarness: () => Promise<StorageHarness>): void {
  describe(`storage contract: ${adapterName}`, () => {
    let harness: StorageHarness;
    let store: StoragePort;
    const opened: StoragePort[] = [];
    const open = async (): Promise<StoragePort> => {
      const s = await harness.open();
      opened.push(s);
      return s;
    };

    beforeEach(async () => {
      harness = await makeHarness();
      store = await open();
    });

    afterEach(async () => {
      for (const s of opened.splice(0)) await s.close();
      await harness.dispose();
    });

    it('opens a new store empty, at a schema version of at least 1', async () => {
      expect(await store.schemaVersion()).toBeGreaterThanOrEqual(1);
      expect(await store.loadOrganisation()).toEqual(EMPTY_ORGANISATION);
      expect(await store.readEvents(0, 10)).toEqual([]);
      expect(await store.overview()).toEqual({
        units: [],
        bodies: [],
        memberCounts: {},
        memberTotal: 0,
        eventCount: 0,
      });
    });

    it('numbers appended events 1, 2, 3… and stores their signed leaves as they are', async () => {
      const leaves = await signed(founding);
      const stored = await store.append(leaves, AT);
      expect(stored.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
      const more = await store.append(await signed([{ type: 'member.admitted', member: member('m1', 'Петрова') }]), AT);
      expect(more.map((e) => e.seq)).toEqual([6]);
      const read = await store.readEvents(0, 100);
      expect(read).toEqual([...stored, ...more]);
      expect(read[0]).toEqual({
        seq: 1,
        type: 'organisation.founded',
        payload: leafPayload(leaves[0]!.signed),
        recordedAt: AT,
      });
    });

    it('binds each actor to the key of its first signed event, for good', async () => {
      await store.append(await signed(founding.slice(0, 3)), AT);
      await store.append(await signed(founding.slice(3), { kind: 'body', id: 'cc' }), AT);
      const keys = await store.actorKeys();
      expect(keys).toEqual(
        new Map([
          ['founders', leafKey(testSigner(FOUNDERS))],
          ['body:cc', leafKey(testSigner({ kind: 'body', id: 'cc' }))],
        ]),
      );
      // A later leaf with another key does not rebind (the use case refuses such leaves first).
      const other = await signed([{ type: 'member.admitted', member: member('m1', 'Петрова') }]);
      await store.append(
        other.map((leaf) => ({ ...leaf, signed: { ...leaf.signed, actor: 'body:cc' } })),
        AT,
      );
      expect((await store.actorKeys()).get('body:cc')).toBe(keys.get('body:cc'));
      await store.close();
      opened.splice(opened.indexOf(store), 1);
      expect(await (await open()).actorKeys()).toEqual(keys);
    });

    it('pages through events after a given sequence number', async () => {
      await store.append(await signed(founding), AT);
      expect((await store.readEvents(2, 2)).map((e) => e.seq)).toEqual([3, 4]);
      expect(await store.readEvents(5, 10)).toEqual([]);
    });

    it('updates the read models in step with the events', async () => {
      const events = [
        ...founding,
        { type: 'member.admitted', member: member('m2', 'Соколова') },
        { type: 'member.admitted', member: member('m1', 'Андреева') },
      ] as const;
      await store.append(await signed(events), AT);
      const state = await store.loadOrganisation();
      expect(state).toEqual(evolveAll(EMPTY_ORGANISATION, events));
      const overview = await store.overview();
      expect(overview.memberTotal).toBe(2);
      expect(overview.memberCounts).toEqual({ 'br-1': 2 });
      expect(overview.eventCount).toBe(7);
      expect(overview.units.map((u) => u.id)).toEqual(['fed', 'sec-ru', 'br-1']);
      expect(overview.bodies.map((b) => b.id)).toEqual(['cc', 'as-1']);
      expect((await store.listMembers('br-1')).map((m) => m.familyName)).toEqual(['Андреева', 'Соколова']);
      expect(await store.listMembers('nowhere')).toEqual([]);
      expect(await store.findUnit('sec-ru')).toEqual({
        id: 'sec-ru',
        kind: 'section',
        name: 'Российская секция',
        parentId: 'fed',
        country: 'RU',
      });
      expect(await store.findUnit('nowhere')).toBeUndefined();
      expect(await store.eventCount()).toBe(7);
    });

    it('stores all of a batch or none of it', async () => {
      await store.append(await signed(founding), AT);
      const before = await store.readEvents(0, 100);
      const duplicate = [
        { type: 'member.admitted', member: member('m1', 'Первая') },
        { type: 'member.admitted', member: member('m1', 'Дубликат') },
      ] as const;
      await expect(store.append(await signed(duplicate), AT)).rejects.toThrow();
      expect(await store.readEvents(0, 100)).toEqual(before);
      expect((await store.loadOrganisation()).members.size).toBe(0);
      const next = await store.append(await signed([{ type: 'member.admitted', member: member('m1', 'Новая') }]), AT);
      expect(next.map((e) => e.seq)).toEqual([6]);
    });

    it('keeps everything across a reopen, and migrating again changes nothing', async () => {
      await store.append(await signed(founding), AT);
      const version = await store.schemaVersion();
      await store.close();
      opened.splice(opened.indexOf(store), 1);
      const again = await open();
      expect(await again.schemaVersion()).toBe(version);
      expect(await again.readEvents(0, 100)).toHaveLength(founding.length);
      expect((await again.loadOrganisation()).units.get('sec-ru')?.name).toBe('Российская секция');
    });

    it('runs the use cases: the demo is created once and reused after a restart', async () => {
      const first = await new Plenum(store, { origin: CONTRACT_ORIGIN }).ensureDemo();
      expect(first.created).toBe(true);
      expect(first.members).toBeGreaterThan(150);
      const events = (await store.overview()).eventCount;
      await store.close();
      opened.splice(opened.indexOf(store), 1);
      const second = await new Plenum(await open(), { origin: CONTRACT_ORIGIN }).ensureDemo();
      expect(second).toEqual({ created: false, name: first.name, members: first.members });
      expect((await opened[0]!.overview()).eventCount).toBe(events);
    });

    describe('the record as a Merkle log', () => {
      logContract(() => store);
    });

    it('refuses a command citing its rule and stores nothing', async () => {
      const plenum = new Plenum(store, { origin: CONTRACT_ORIGIN });
      const founders = testSigner(FOUNDERS);
      await plenum.initialise('Union', founders);
      const result = await plenum.execute([
        {
          by: founders,
          command: {
            type: 'createUnit',
            unit: { id: 'sec', kind: 'section', name: 'S', parentId: 'federation', country: 'DE' },
          },
        },
        {
          by: founders,
          command: {
            type: 'createUnit',
            unit: { id: 'orphan', kind: 'branch', name: 'B', parentId: 'federation', country: 'DE' },
          },
        },
      ]);
      expect(result).toMatchObject({ ok: false, rule: { source: 'Plenum', clause: 'structure.unit-parent' } });
      expect((await store.overview()).units.map((u) => u.id)).toEqual(['federation']);
    });

    describe('signed events', () => {
      const cc = { kind: 'body', id: 'cc' } as const;
      const section = (id: string) =>
        ({
          type: 'createUnit',
          unit: { id, kind: 'section', name: id, parentId: 'federation', country: 'DE' },
        }) as const;
      const constituteCc = {
        type: 'constituteBody',
        body: { id: 'cc', kind: 'central-committee', name: 'CC', unitId: 'federation', seats: 9 },
      } as const;
      const congress = {
        type: 'constituteBody',
        body: { id: 'congress', kind: 'congress', name: 'Congress', unitId: 'federation', seats: null },
      } as const;

      async function founded(): Promise<Plenum> {
        const plenum = new Plenum(store, { origin: CONTRACT_ORIGIN });
        await plenum.initialise('Union', testSigner(FOUNDERS));
        return plenum;
      }

      async function leavesOf(): Promise<SignedEvent[]> {
        return (await store.readEvents(0, 1000)).map((e) => JSON.parse(e.payload) as SignedEvent);
      }

      it('stores each event signed by its actor, verifiable with the key the record binds', async () => {
        const plenum = await founded();
        const result = await plenum.execute([
          { by: testSigner(FOUNDERS), command: constituteCc },
          { by: testSigner(cc), command: section('sec-a') },
        ]);
        expect(result.ok).toBe(true);
        const leaves = await leavesOf();
        expect(leaves.map((l) => l.actor)).toEqual(['founders', 'founders', 'body:cc']);
        for (const leaf of leaves) expect(verifySignedEvent(CONTRACT_ORIGIN, leaf, nobleEd25519)).toBe(true);
        expect(verifySignedEvent('plenum.test/another-log', leaves[2]!, nobleEd25519)).toBe(false);
        expect((await store.actorKeys()).get('body:cc')).toBe(leafKey(testSigner(cc)));
      });

      it('refuses an actor who signs with another key than the record binds, citing the rule', async () => {
        const plenum = await founded();
        const before = await store.eventCount();
        const result = await plenum.execute([{ by: testSigner(FOUNDERS, 'stolen?'), command: constituteCc }]);
        expect(result).toMatchObject({
          ok: false,
          rule: { source: 'Plenum', clause: 'record.actor-key' },
          messageKey: 'refusal.record.actorKey',
          params: { actor: 'founders' },
        });
        expect(await store.eventCount()).toBe(before);
      });

      it('refuses an actor that is not a member or body, and the founders once the congress exists', async () => {
        const plenum = await founded();
        const stranger = await plenum.execute([{ by: testSigner(cc), command: section('sec-a') }]);
        expect(stranger).toMatchObject({
          ok: false,
          rule: { clause: 'structure.actor-exists' },
          params: { actor: 'body:cc' },
        });
        const ok = await plenum.execute([{ by: testSigner(FOUNDERS), command: congress }]);
        expect(ok.ok).toBe(true);
        const late = await plenum.execute([{ by: testSigner(FOUNDERS), command: constituteCc }]);
        expect(late).toMatchObject({
          ok: false,
          rule: { clause: 'structure.founders-period' },
          params: { body: 'congress' },
        });
        expect((await store.loadOrganisation()).bodies.has('cc')).toBe(false);
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
        const failure = await plenum.execute([{ by: forger, command: constituteCc }]).then(
          () => undefined,
          (error: unknown) => error,
        );
        expect(isPlenumError(failure) && failure.code === 'invalid_input').toBe(true);
        expect(isPlenumError(failure) && failure.messageKey).toBe('error.badEventSignature');
        expect(await store.eventCount()).toBe(before);
        // The instance still works: the failed command left no trace in its state. A signer
        // that signs elsewhere (a browser) is checked, and accepted when its signature is good.
        const remote: EventSigner = { actor: FOUNDERS, publicKey: honest.publicKey, sign: (m) => honest.sign(m) };
        expect((await plenum.execute([{ by: remote, command: constituteCc }])).ok).toBe(true);
      });
    });
  });
}

function leafKey(signer: EventSigner): string {
  return Buffer.from(signer.publicKey).toString('base64');
}
