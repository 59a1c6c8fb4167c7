import { describe, expect, it } from 'vitest';
import { MAX_EVENT_BYTES, decideGovernance } from './decide.ts';
import { constitutedSteps, foundingSteps, member, run } from './scenario.ts';

describe('an act too large for a record entry', () => {
  const { state } = run([...foundingSteps(), ...constitutedSteps()]);
  const letter = (text: string) =>
    decideGovernance(state, member('m-north-1'), {
      type: 'sendLetter',
      letterId: 'letter-long',
      toBodyId: 'cc',
      title: 'A long letter',
      text,
      on: '2020-10-01',
    });

  it('is refused with its size, citing the rule, though its text is within its length in characters', () => {
    // 40,000 characters of Cyrillic: under the letters' 60,000 characters, but 80,000 bytes.
    const refused = letter('Ж'.repeat(40_000));
    expect(refused).toMatchObject({
      ok: false,
      rule: { source: 'Plenum', clause: 'governance.event-size' },
      messageKey: 'refusal.governance.eventTooLarge',
      params: { max: MAX_EVENT_BYTES },
    });
    if (refused.ok) throw new Error('expected a refusal');
    expect(Number(refused.params['bytes'])).toBeGreaterThan(80_000);
  });

  it('passes when the same letter fits', () => {
    expect(letter('Ж'.repeat(20_000)).ok).toBe(true);
  });
});
