/**
 * What every counting method takes: the candidates, the number of seats, and the ballots.
 * Candidates are referred to by their index (0-based) in `candidates`.
 */
export interface Candidate {
  readonly name: string;
  /** Withdrawn before the count: on no ballot's ranking counts for them; preferences skip them. */
  readonly withdrawn: boolean;
}

/**
 * One ballot, or `count` identical ballots. `ranking` lists the preferences, most preferred
 * first; each entry is a group of candidates ranked equally (one candidate in most formats;
 * several where a rule allows equal rankings, as PrefLib TOI or stv-rs's `a=b`). Methods
 * that do not allow equal rankings refuse ballots that have them, or treat the group as the
 * rule says (e.g. an overvote in IRV).
 */
export interface Ballot {
  /** How many voters cast exactly this ballot: a positive safe integer. */
  readonly count: number;
  readonly ranking: readonly (readonly number[])[];
}

export interface Election {
  readonly title: string;
  readonly seats: number;
  readonly candidates: readonly Candidate[];
  readonly ballots: readonly Ballot[];
}

/** The total number of voters (the sum of the ballots' counts). */
export function totalVoters(election: Election): number {
  let total = 0;
  for (const ballot of election.ballots) total += ballot.count;
  return total;
}
