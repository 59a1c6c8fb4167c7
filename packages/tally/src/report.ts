/**
 * The report of a count: every round's totals, transfers and non-transferable votes, the
 * quota, who was elected or excluded and why — each decision citing the clause of the rule
 * that made it — and every tie-break with how it was broken. The human table and the JSON
 * are both renderings of this one value.
 */
export interface CountReport {
  /** The method's name as `plenum count --method` takes it, e.g. "scottish-stv". */
  readonly method: string;
  /** The rule the method implements, for people: "Scottish Local Government Elections Order 2007 (SSI 2007/42)". */
  readonly rule: string;
  readonly title: string;
  readonly seats: number;
  readonly candidates: readonly string[];
  /** Decimal places of every number in the report (0 for whole votes). */
  readonly places: number;
  /** The number of voters whose ballots were counted. */
  readonly voters: number;
  /** The final quota or threshold, if the method has one (STV's may change: see each round). */
  readonly quota: string | null;
  readonly rounds: readonly Round[];
  /** Elected candidates, in the order they were elected. */
  readonly elected: readonly number[];
  readonly tieBreaks: readonly TieBreak[];
}

export interface Round {
  /** 1, 2, 3, … ("stage" in Scottish STV). */
  readonly number: number;
  /** Each candidate's votes at the end of the round, as decimals with the report's places. */
  readonly votes: readonly string[];
  /** Each candidate's change in this round (null in the first round). */
  readonly transfers: readonly string[] | null;
  /** Votes no longer with any continuing candidate (exhausted, non-transferable, lost to rounding). */
  readonly nonTransferable: string;
  /** The quota or threshold in force in this round, if any. */
  readonly quota: string | null;
  /** What the round did. */
  readonly actions: readonly RoundAction[];
}

export type RoundAction =
  | { readonly kind: 'elected'; readonly candidates: readonly number[]; readonly rule: string; readonly reason: string }
  | {
      readonly kind: 'excluded';
      readonly candidates: readonly number[];
      readonly rule: string;
      readonly reason: string;
    }
  | {
      readonly kind: 'surplus';
      readonly candidate: number;
      readonly amount: string;
      readonly rule: string;
      readonly reason: string;
    }
  | { readonly kind: 'note'; readonly rule: string; readonly reason: string };

export interface TieBreak {
  readonly round: number;
  /** The candidates tied. */
  readonly between: readonly number[];
  /** The candidate the tie-break chose (to exclude, or to elect, as `purpose` says). */
  readonly chosen: number;
  readonly purpose: 'exclude' | 'elect' | 'surplus-order';
  /** How it was broken, citing the rule: "earlier rounds (SSI 2007/42 r.51)", "lot". */
  readonly how: string;
  /** For a draw by lot: the seed and the draw, so anyone can reproduce it (see seededLot). */
  readonly lot?: { readonly seed: string; readonly draw: number; readonly of: number };
}
