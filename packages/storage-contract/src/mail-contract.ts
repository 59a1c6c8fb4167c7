import { describe, expect, it } from 'vitest';
import { SCENARIO_1923, demoActorSecret } from '@plenum/demo';
import type { Actor, GovernanceCommand } from '@plenum/domain';
import { Plenum, letterMailRef, platformMailRef, type MailSettings, type NewMail, type StoragePort } from '@plenum/app';
import type { StorageHarness } from './contract.ts';
import { storeLifecycle } from './stores.ts';
import { FOUNDING, signed } from './signed-fixtures.ts';

const AT = '2026-01-02T03:04:05.000Z';
/** Far after every message's first attempt is due. */
const FAR = '2100-01-01T00:00:00.000Z';
const MAIL: MailSettings = { locale: 'en', publicUrl: 'https://plenum.example.org/' };
const LETTER_1923 = 'letter-1923-10-08';

function plenumOn(store: StoragePort, mail: MailSettings | undefined): Plenum {
  return new Plenum(store, { origin: 'plenum.test/mail', mail });
}

async function act(plenum: Plenum, actor: Actor, command: GovernanceCommand): Promise<void> {
  const result = await plenum.execute([{ by: plenum.localSigner(actor, demoActorSecret(actor)), command }]);
  if (!result.ok) throw new Error(`${command.type} refused: ${result.messageKey} ${JSON.stringify(result.params)}`);
}
const LATER = '2026-01-02T03:10:00.000Z';

function message(ref: string, memberId: string, createdAt = AT): NewMail {
  return {
    ref,
    memberId,
    to: `${memberId}@example.org`,
    subject: `Subject of ${ref}`,
    text: `Text of ${ref} for ${memberId}\n`,
    createdAt,
  };
}

/**
 * E-mail circulation's private tables (contacts, outbox, mail cursor): part of the storage
 * contract every adapter passes, beside the record and never in it. An adapter's test file
 * calls it next to storageContract() with the same harness.
 */
export function mailContract(adapterName: string, makeHarness: () => Promise<StorageHarness>): void {
  describe(`storage contract: ${adapterName}: e-mail circulation`, () => {
    let store: StoragePort;
    const { open, close } = storeLifecycle(makeHarness, (s) => {
      store = s;
    });

    it('keeps contacts, one address per member (a new one replaces it), and gives only those asked for', async () => {
      expect(await store.contactsOf(['m1'])).toEqual([]);
      await store.setContacts([
        { memberId: 'm1', email: 'rosa@example.org' },
        { memberId: 'm2', email: 'karl@example.org' },
        { memberId: 'm3', email: 'clara@example.org' },
      ]);
      await store.setContacts([
        { memberId: 'm2', email: 'karl@example.net' },
        { memberId: 'm4', email: 'leo@example.org' },
        { memberId: 'm4', email: 'leo@example.net' },
      ]);
      await store.setContacts([]);
      const found = await store.contactsOf(['m2', 'm4', 'm1', 'm9', 'm2']);
      expect([...found].sort((a, b) => a.memberId.localeCompare(b.memberId))).toEqual([
        { memberId: 'm1', email: 'rosa@example.org' },
        { memberId: 'm2', email: 'karl@example.net' },
        { memberId: 'm4', email: 'leo@example.net' },
      ]);
      expect(await store.contactsOf([])).toEqual([]);
      // Many at once (more than one statement's worth of parameters).
      const many = Array.from({ length: 1234 }, (_, i) => ({ memberId: `x${i}`, email: `x${i}@example.org` }));
      await store.setContacts(many);
      expect(await store.contactsOf(many.map((c) => c.memberId))).toHaveLength(1234);
    });

    it('queues messages and moves the mail cursor together; a message queued again is ignored', async () => {
      expect(await store.mailCursor()).toBe(0);
      expect(await store.enqueueMail([message('letter:a', 'm1'), message('letter:a', 'm2')], 5)).toBe(2);
      expect(await store.mailCursor()).toBe(5);
      // The same events planned again (a crash before the cursor moved, a second process): once.
      expect(await store.enqueueMail([message('letter:a', 'm2'), message('platform:p:1', 'm2')], 9)).toBe(1);
      expect(await store.mailCursor()).toBe(9);
      // A batch with no message for anyone still moves the cursor; it never moves back.
      expect(await store.enqueueMail([], 12)).toBe(0);
      expect(await store.mailCursor()).toBe(12);
      expect(await store.enqueueMail([], 3)).toBe(0);
      expect(await store.mailCursor()).toBe(12);
      expect(await store.mailSummary('letter:a')).toEqual({ sent: 0, pending: 2, failed: 0 });
      expect(await store.mailSummary('platform:p:1')).toEqual({ sent: 0, pending: 1, failed: 0 });
      expect(await store.mailSummary('letter:none')).toEqual({ sent: 0, pending: 0, failed: 0 });
      // Many at once.
      const many = Array.from({ length: 450 }, (_, i) => message('platform:big:1', `y${i}`));
      expect(await store.enqueueMail(many, 20)).toBe(450);
      expect(await store.mailSummary('platform:big:1')).toEqual({ sent: 0, pending: 450, failed: 0 });
    });

    it('keeps neither the messages nor the cursor of a batch that fails', async () => {
      await store.enqueueMail([message('letter:a', 'm1')], 4);
      const batch = Array.from({ length: 250 }, (_, i) => message('letter:b', `z${i}`));
      // One message the store must refuse (no subject), after two hundred good ones.
      batch[200] = { ...message('letter:b', 'z200'), subject: null as unknown as string };
      await expect(store.enqueueMail(batch, 30)).rejects.toThrow();
      expect(await store.mailCursor()).toBe(4);
      expect(await store.mailSummary('letter:b')).toEqual({ sent: 0, pending: 0, failed: 0 });
      expect(await store.pendingMail(1000, LATER)).toHaveLength(1);
    });

    it('gives the messages due, oldest first, and records each attempt: sent, to retry, given up', async () => {
      await store.enqueueMail(
        [message('letter:a', 'm1'), message('letter:a', 'm2'), message('letter:a', 'm3', LATER)],
        7,
      );
      const due = await store.pendingMail(10, AT);
      expect(due.map((m) => m.memberId)).toEqual(['m1', 'm2']);
      expect(due[0]).toMatchObject({
        ref: 'letter:a',
        memberId: 'm1',
        to: 'm1@example.org',
        subject: 'Subject of letter:a',
        text: 'Text of letter:a for m1\n',
        createdAt: AT,
        status: 'pending',
        attempts: 0,
        lastError: null,
      });
      expect((await store.pendingMail(1, LATER)).map((m) => m.memberId)).toEqual(['m1']);
      const [m1, m2] = due;
      await store.markMail(m1!.id, { kind: 'sent', messageId: '<one@example.org>', at: AT });
      await store.markMail(m2!.id, {
        kind: 'retry',
        error: '421 try again later',
        at: AT,
        retryAt: '2026-01-02T03:06:00.000Z',
      });
      // m2 waits until its retry is due; m3 is due at LATER.
      expect((await store.pendingMail(10, '2026-01-02T03:05:00.000Z')).map((m) => m.memberId)).toEqual([]);
      const later = await store.pendingMail(10, LATER);
      expect(later.map((m) => [m.memberId, m.attempts, m.lastError])).toEqual([
        ['m2', 1, '421 try again later'],
        ['m3', 0, null],
      ]);
      expect(await store.mailSummary('letter:a')).toEqual({ sent: 1, pending: 2, failed: 0 });
      await store.markMail(m2!.id, { kind: 'gaveUp', error: '550 no such user', at: LATER });
      expect(await store.mailSummary('letter:a')).toEqual({ sent: 1, pending: 1, failed: 1 });
      // A message sent or given up stays so: a late outcome does not change it.
      await store.markMail(m1!.id, { kind: 'gaveUp', error: 'late', at: LATER });
      await store.markMail(m2!.id, { kind: 'sent', messageId: '<late@example.org>', at: LATER });
      expect(await store.mailSummary('letter:a')).toEqual({ sent: 1, pending: 1, failed: 1 });
      expect((await store.pendingMail(10, LATER)).map((m) => m.memberId)).toEqual(['m3']);
      expect((await store.mailOf('letter:a')).map((m) => [m.memberId, m.status, m.attempts, m.lastError])).toEqual([
        ['m1', 'sent', 1, null],
        ['m2', 'failed', 2, '550 no such user'],
        ['m3', 'pending', 0, null],
      ]);
      expect(await store.mailOf('letter:none')).toEqual([]);
      expect(await store.mailTo('m1')).toEqual(new Map([['letter:a', 'sent']]));
      expect(await store.mailTo('m2')).toEqual(new Map([['letter:a', 'failed']]));
      expect(await store.mailTo('m3')).toEqual(new Map([['letter:a', 'pending']]));
      expect(await store.mailTo('m9')).toEqual(new Map());
    });

    it('plans one message per recipient with an address for each platform circulated and letter delivered, once', async () => {
      const plenum = plenumOn(store, MAIL);
      await plenum.ensureDemo({ scenario: '1923' });
      const state = await plenum.state();
      const platform = state.bulletin.platforms.get(SCENARIO_1923.platformId)!;
      const circulated = platform.circulations[0]!.recipients;
      const letter = state.bulletin.letters.get(LETTER_1923)!;
      const author = state.members.get(letter.from)!;
      // Three members who had the platform, two of the committee who had the letter (one of
      // them had both, perhaps), and someone who had neither.
      const withAddress = [...new Set([...circulated.slice(0, 3), ...letter.recipients.slice(0, 2)])];
      await plenum.setContacts([
        ...withAddress.map((id) => ({ memberId: id, email: `${id}@example.org` })),
        { memberId: 'nobody-here', email: 'nobody@example.org' },
      ]);
      const has = (ids: readonly string[]): string[] => ids.filter((id) => withAddress.includes(id));
      let expected = 0;
      for (const p of state.bulletin.platforms.values())
        for (const c of p.circulations) expected += has(c.recipients).length;
      for (const l of state.bulletin.letters.values()) expected += has(l.recipients).length;
      expect(expected).toBeGreaterThanOrEqual(5);
      expect(await plenum.planMail()).toBe(expected);
      expect(await store.mailCursor()).toBe(await store.eventCount());
      // Planned again, by this Plenum or a new one on the same store (a restart): nothing more.
      expect(await plenum.planMail()).toBe(0);
      expect(await plenumOn(store, MAIL).planMail()).toBe(0);

      const queued = await store.pendingMail(100, FAR);
      expect(queued).toHaveLength(expected);
      const platformRef = platformMailRef(platform.id, 1);
      const toPlatform = queued.filter((m) => m.ref === platformRef);
      expect(toPlatform.map((m) => m.memberId).sort()).toEqual(has(circulated));
      for (const m of toPlatform) {
        expect(m.to).toBe(`${m.memberId}@example.org`);
        expect(m.subject).toBe('Platform circulated: Platform of the 46 (version 1)');
        expect(m.text).toContain(platform.text);
        expect(m.text).toContain(`filed with ${platform.filed!.signatories.length} signatures`);
        expect(m.text).toContain(`https://plenum.example.org/api/platforms/${platform.id}`);
      }
      const toLetter = queued.filter((m) => m.ref === letterMailRef(LETTER_1923));
      expect(toLetter.map((m) => m.memberId).sort()).toEqual(has(letter.recipients));
      expect(toLetter[0]!.subject).toBe(`Letter to ${state.bodies.get(letter.toBodyId)!.name}: ${letter.title}`);
      expect(toLetter[0]!.text).toContain(`${author.givenName} ${author.familyName} wrote to`);
      expect(toLetter[0]!.text).toContain(letter.text);

      expect(await plenum.mailSummary(platformRef, circulated.length)).toEqual({
        configured: true,
        sent: 0,
        pending: has(circulated).length,
        failed: 0,
        withoutAddress: circulated.length - has(circulated).length,
      });
      expect((await plenum.mailTo(circulated[0]!)).get(platformRef)).toBe('pending');
      expect(await plenum.mailTo('nobody-here')).toEqual(new Map());
      // The record holds no address.
      const payloads = (await store.readEvents(0, 100_000)).map((e) => e.payload).join('\n');
      expect(payloads).not.toContain('@example.org');
    });

    it('plans nothing, and says so, when e-mail is not configured', async () => {
      const plenum = plenumOn(store, undefined);
      await plenum.ensureDemo({ scenario: '1923' });
      const platform = (await plenum.state()).bulletin.platforms.get(SCENARIO_1923.platformId)!;
      await plenum.setContacts(
        platform.circulations[0]!.recipients.map((id) => ({ memberId: id, email: `${id}@x.org` })),
      );
      expect(plenum.mailConfigured).toBe(false);
      expect(await plenum.planMail()).toBe(0);
      expect(await store.mailCursor()).toBe(0);
      expect(await plenum.mailSummary(platformMailRef(platform.id, 1), 10)).toEqual({
        configured: false,
        sent: 0,
        pending: 0,
        failed: 0,
        withoutAddress: 0,
      });
      expect(await plenum.mailTo(platform.circulations[0]!.recipients[0]!)).toEqual(new Map());
    });

    it('writes in the server’s language, without a link when there is no public address', async () => {
      const plenum = plenumOn(store, { locale: 'pt-BR' });
      await plenum.ensureDemo({ scenario: '1923' });
      const platform = (await plenum.state()).bulletin.platforms.get(SCENARIO_1923.platformId)!;
      const first = platform.circulations[0]!.recipients[0]!;
      await plenum.setContacts([{ memberId: first, email: 'rosa@example.org' }]);
      expect(await plenum.planMail()).toBe(1);
      const [m] = await store.pendingMail(10, FAR);
      expect(m!.subject).toBe('Plataforma circulada: Platform of the 46 (versão 1)');
      expect(m!.text).toContain('Nenhum órgão pode bloqueá-la');
      expect(m!.text).not.toContain('http');
    });

    it('mails each version of a platform with its own text, the first one too after it was amended', async () => {
      const plenum = plenumOn(store, MAIL);
      await plenum.ensureDemo({ scenario: '1923' });
      let state = await plenum.state();
      const platform = state.bulletin.platforms.get(SCENARIO_1923.platformId)!;
      const original = platform.text;
      const drafter = platform.drafter;
      await plenum.setContacts([{ memberId: drafter, email: 'drafter@example.org' }]);
      // The mail cursor stands just after the platform was drafted (as if e-mail had been off
      // since): its first circulation comes after the cursor, its text before it.
      const events = await store.readEvents(0, 100_000);
      const drafted = events.find((e) => e.type === 'platform.drafted')!;
      await store.enqueueMail([], drafted.seq);
      const on = '2027-02-01';
      const amended = `${original}\nAmended: elections in every cell.`;
      await act(
        plenum,
        { kind: 'member', id: drafter },
        {
          type: 'proposePlatformAmendment',
          platformId: platform.id,
          amendmentId: 'platform-46-am',
          text: amended,
          on,
        },
      );
      for (const id of platform.signatories.slice(1)) {
        state = await plenum.state();
        if (state.bulletin.platforms.get(platform.id)!.version > 1) break;
        await act(
          plenum,
          { kind: 'member', id },
          { type: 'approvePlatformAmendment', amendmentId: 'platform-46-am', on },
        );
      }
      expect((await plenum.state()).bulletin.platforms.get(platform.id)!.version).toBe(2);
      expect(await plenum.planMail()).toBe(2);
      const queued = await store.pendingMail(10, FAR);
      const v1 = queued.find((m) => m.ref === platformMailRef(platform.id, 1))!;
      const v2 = queued.find((m) => m.ref === platformMailRef(platform.id, 2))!;
      expect(v1.text).toContain(original);
      expect(v1.text).not.toContain('Amended:');
      expect(v2.text).toContain(amended);
      expect(v2.subject).toBe('Platform circulated: Platform of the 46 (version 2)');
    });

    it('refuses a contact that is not an e-mail address, or could add a header to a message', async () => {
      const plenum = plenumOn(store, MAIL);
      for (const email of ['not-an-address', 'a@b', 'rosa@example.org\r\nBcc: all@example.org', 'a b@example.org']) {
        await expect(plenum.setContacts([{ memberId: 'm1', email }])).rejects.toMatchObject({ code: 'invalid_input' });
      }
      await expect(plenum.setContacts([{ memberId: 'Not An Id', email: 'a@example.org' }])).rejects.toMatchObject({
        code: 'invalid_input',
      });
      expect(await store.contactsOf(['m1'])).toEqual([]);
    });

    it('keeps contacts, outbox and cursor across a restart, and leaves the record alone', async () => {
      await store.append(await signed(FOUNDING), AT);
      await store.setContacts([{ memberId: 'm1', email: 'rosa@example.org' }]);
      await store.enqueueMail([message('letter:a', 'm1'), message('letter:a', 'm2')], 6);
      const [first] = await store.pendingMail(1, AT);
      await store.markMail(first!.id, { kind: 'sent', messageId: '<x@example.org>', at: AT });
      await close(store);
      const again = await open();
      expect(await again.contactsOf(['m1'])).toEqual([{ memberId: 'm1', email: 'rosa@example.org' }]);
      expect(await again.mailCursor()).toBe(6);
      expect(await again.mailSummary('letter:a')).toEqual({ sent: 1, pending: 1, failed: 0 });
      expect((await again.pendingMail(10, LATER)).map((m) => m.memberId)).toEqual(['m2']);
      expect(await again.eventCount()).toBe(FOUNDING.length);
      const payloads = (await again.readEvents(0, 100)).map((e) => e.payload).join('\n');
      expect(payloads).not.toContain('example.org');
    });
  });
}
