import { describe, expect, it } from 'vitest';
import {
  EMPTY_GOVERNANCE,
  congressOf,
  decideGovernance,
  evolveGovernance,
  meetingOf,
  platformOf,
  type GovernanceState,
} from '@plenum/domain';
import { SCENARIO_1923, scenario1923AllActions, scenario1923Outcome } from './scenario-1923.ts';

function build(): GovernanceState {
  let state = EMPTY_GOVERNANCE;
  for (const { actor, command } of scenario1923AllActions()) {
    const result = decideGovernance(state, actor, command);
    if (!result.ok) throw new Error(`${command.type} refused: ${result.messageKey} ${JSON.stringify(result.params)}`);
    state = evolveGovernance(state, result.value);
  }
  return state;
}

describe('the 1923 scenario under the demo statute', () => {
  const state = build();
  const outcome = scenario1923Outcome(state);

  it('files the Platform of the 46 and circulates it to every member in the same act (G3)', () => {
    const platform = platformOf(state, SCENARIO_1923.platformId);
    expect(platform?.signatories).toHaveLength(46);
    expect(platform?.filed?.on).toBe(SCENARIO_1923.platformOn);
    // Filed at the statute's share (1/50 of the members with a vote), not at the 46th signature.
    expect(platform?.filed?.signatories.length).toBe(platform?.filed?.needed);
    const members = [...state.members.values()].filter((m) => m.status === 'member').length;
    expect(outcome.platformRecipients).toBe(members);
  });

  it('records every branch vote and apportions the 40 seats from the roll frozen at the call (G2)', () => {
    for (const branch of outcome.branches) {
      // The branch's vote, as the tellers counted it, and the meeting closed by its chair.
      const meeting = meetingOf(state, `meeting-1923-${branch.branchId}`);
      expect(meeting?.votes[0]?.result).toMatchObject({
        method: 'show-of-hands',
        yes: branch.forPlatform,
        no: branch.members - branch.forPlatform,
        present: branch.members,
      });
      expect(meeting?.closed?.by).toBe('chair');
    }
    expect(outcome.branches.reduce((sum, b) => sum + b.seats, 0)).toBe(40);
    expect(congressOf(state, SCENARIO_1923.congressId)?.status).toBe('opened');
  });

  it('gives the platform about its share of the delegates, branch by branch: half of Moscow elects half (G2)', () => {
    const moscow = outcome.branches.find((b) => b.branchId === 'ru-moskva');
    expect(moscow?.forPlatform).toBe(8);
    expect(moscow?.members).toBe(16);
    // Half the votes, half the seats (an odd seat goes by the STV count's tie rule).
    expect(moscow?.platformDelegates).toBeGreaterThanOrEqual(Math.floor((moscow?.seats ?? 0) / 2));
    expect(moscow?.platformDelegates).toBeLessThanOrEqual(Math.ceil((moscow?.seats ?? 0) / 2));
    for (const b of outcome.branches) {
      // STV with Droop quota: a group with share s of the votes wins ⌊s × (seats + 1)⌋ seats or one fewer/more.
      const share = b.forPlatform / b.members;
      expect(Math.abs(b.platformDelegates - share * b.seats)).toBeLessThanOrEqual(1);
    }
    const votes = outcome.branches.reduce((sum, b) => sum + b.forPlatform, 0);
    const members = outcome.branches.reduce((sum, b) => sum + b.members, 0);
    // In all: within a few seats of its share of the votes (history: 3 delegates voted for it).
    expect(Math.abs(outcome.platformDelegates - (votes / members) * outcome.delegates)).toBeLessThan(4);
    expect(outcome.platformDelegates).toBeGreaterThan(3);
  });

  it('puts the platform’s co-report on the congress’s agenda by right (G3)', () => {
    const meeting = meetingOf(state, 'congress-2-day-1');
    expect(
      meeting?.agenda.some((item) => item.kind === 'co-report' && item.platformId === SCENARIO_1923.platformId),
    ).toBe(true);
  });
});
