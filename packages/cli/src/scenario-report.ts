import { scenario1923Outcome } from '@plenum/demo';
import type { GovernanceState } from '@plenum/domain';
import type { Translate } from '@plenum/i18n';

/**
 * What `plenum demo --scenario 1923` prints after playing the scenario: branch by branch, the
 * vote on the Platform of the 46, the delegate seats apportioned from the frozen roll, and the
 * delegates its supporters won by STV; then the totals beside what happened in January 1924
 * (docs/scenario-1923.md).
 */
export function scenario1923Report(state: GovernanceState, t: Translate): string {
  const outcome = scenario1923Outcome(state);
  const lines = [t('cli.scenario1923.heading', { recipients: outcome.platformRecipients })];
  for (const b of outcome.branches) {
    lines.push(
      t('cli.scenario1923.branch', {
        branch: b.branchId,
        members: b.members,
        forPlatform: b.forPlatform,
        seats: b.seats,
        delegates: b.platformDelegates,
      }),
    );
  }
  const votes = outcome.branches.reduce((sum, b) => sum + b.forPlatform, 0);
  const members = outcome.branches.reduce((sum, b) => sum + b.members, 0);
  lines.push(
    t('cli.scenario1923.total', {
      votes,
      members,
      delegates: outcome.platformDelegates,
      seats: outcome.delegates,
    }),
    t('cli.scenario1923.history'),
  );
  return lines.join('\n');
}
