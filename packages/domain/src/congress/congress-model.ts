import type { Id } from '@plenum/kernel';
import type { MeetingVote, VoteCount, VoteInput } from '../governance/common.ts';
import type { RecordedVote } from '../governance/state.ts';
import type { ApportionmentRule, DelegateElectionMethod } from '../statute/statute.ts';

/**
 * The congress part's data: its events, commands, refusal keys and slice of the state. Kept
 * in a module of its own with type-only imports, so that state.ts and decide.ts can read the
 * constants below while they are being evaluated, whichever module an import cycle starts
 * from (congress.ts re-exports all of it, first thing).
 */

/** A member's entry on a congress's frozen roll: the member and the electing unit they vote in. */
export interface RollEntry {
  readonly memberId: Id;
  readonly unitId: Id;
}

/** The frozen roll as the record keeps it: the cutoff day, the hash of its entries, the counts per electing unit. */
export interface FrozenRoll {
  readonly cutoff: string;
  /** SHA-256 (lowercase hex) of the canonical JSON of the entries as [memberId, unitId] pairs, sorted by member id. */
  readonly hash: string;
  readonly total: number;
  readonly units: readonly { readonly unitId: Id; readonly members: number }[];
}

export interface UnitApportionment {
  readonly unitId: Id;
  readonly members: number;
  readonly seats: number;
}

/** `count` identical ballots ranking the candidates (member ids), most preferred first. */
export interface DelegateBallot {
  readonly ranking: readonly Id[];
  readonly count: number;
}

export interface ElectedDelegate {
  readonly memberId: Id;
  readonly mandateId: Id;
}

/** One line of the credentials report: a delegate, their unit, their mandate and the day of the election that made them one. */
export interface DelegateCredential {
  readonly memberId: Id;
  readonly unitId: Id;
  readonly mandateId: Id;
  readonly electedOn: string;
}

export type CongressKind = 'regular' | 'extraordinary';

export type CongressEvent =
  | {
      readonly type: 'congress.called';
      readonly congressId: Id;
      /** The congress body (of kind statute.congress.body). */
      readonly bodyId: Id;
      readonly kind: CongressKind;
      /** `body:<id>` (the calling body), `statute` (convoked when overdue) or `petition` (extraordinary). */
      readonly calledBy: string;
      readonly opensOn: string;
      readonly on: string;
      readonly roll: FrozenRoll;
    }
  | {
      readonly type: 'delegates.apportioned';
      readonly congressId: Id;
      readonly method: ApportionmentRule;
      readonly seats: number;
      readonly minimumPerUnit: number;
      readonly units: readonly UnitApportionment[];
      /** The divisor chosen (divisor methods) or the Hare quota (largest remainders); null when no seat was left to share. */
      readonly divisor: string | null;
      /** Each unit's quotient (or Hare quota) for the seats shared after the minimum, in the order of `units`. */
      readonly quotients: readonly string[];
      /** The seed of any draw by lot: the roll's hash. */
      readonly seed: string;
      readonly on: string;
    }
  | { readonly type: 'congress.petition-signed'; readonly memberId: Id; readonly on: string }
  | {
      readonly type: 'congress.petition-resolved';
      readonly unitId: Id;
      readonly bodyId: Id;
      readonly vote: RecordedVote;
      readonly on: string;
    }
  | {
      readonly type: 'congress.postponement-voted';
      readonly congressId: Id;
      readonly carried: boolean;
      /** The opening asked for (the congress's opening only if carried). */
      readonly opensOn: string;
      readonly vote: MeetingVote;
      readonly on: string;
    }
  | {
      readonly type: 'delegates.elected';
      readonly congressId: Id;
      readonly unitId: Id;
      /** The electing assembly. */
      readonly bodyId: Id;
      readonly method: DelegateElectionMethod;
      readonly seats: number;
      readonly candidates: readonly Id[];
      readonly ballots: readonly DelegateBallot[];
      readonly elected: readonly ElectedDelegate[];
      readonly quota: string | null;
      readonly rounds: number;
      readonly on: string;
    }
  | {
      readonly type: 'congress.opened';
      readonly congressId: Id;
      readonly on: string;
      readonly credentials: readonly DelegateCredential[];
      readonly unfilled: readonly { readonly unitId: Id; readonly seats: number }[];
    }
  | { readonly type: 'congress.closed'; readonly congressId: Id; readonly on: string };

/** Every event type of this part, in the order docs/record-format.md lists them. */
export const CONGRESS_EVENT_TYPES = [
  'congress.called',
  'delegates.apportioned',
  'congress.petition-signed',
  'congress.petition-resolved',
  'congress.postponement-voted',
  'delegates.elected',
  'congress.opened',
  'congress.closed',
] as const satisfies readonly CongressEvent['type'][];

export type CongressCommand =
  | { readonly type: 'callCongress'; readonly congressId: Id; readonly opensOn: string; readonly on: string }
  | { readonly type: 'convokeDueCongress'; readonly congressId: Id; readonly on: string }
  /** A member's signature (vote null), or a unit assembly's resolution (its vote). */
  | { readonly type: 'petitionForCongress'; readonly vote: VoteCount | null; readonly on: string }
  | {
      readonly type: 'postponeCongress';
      readonly congressId: Id;
      readonly opensOn: string;
      readonly vote: VoteInput;
      readonly on: string;
    }
  | {
      readonly type: 'electDelegates';
      readonly congressId: Id;
      readonly unitId: Id;
      readonly candidates: readonly Id[];
      readonly ballots: readonly DelegateBallot[];
      /** One new mandate id per seat, given to the delegates in the order they are elected. */
      readonly mandateIds: readonly Id[];
      readonly on: string;
    }
  | { readonly type: 'openCongress'; readonly congressId: Id; readonly on: string }
  | { readonly type: 'closeCongress'; readonly congressId: Id; readonly on: string };

/** Every command type of this part. */
export const CONGRESS_COMMAND_TYPES = [
  'callCongress',
  'convokeDueCongress',
  'petitionForCongress',
  'postponeCongress',
  'electDelegates',
  'openCongress',
  'closeCongress',
] as const satisfies readonly CongressCommand['type'][];

/** Every refusal key of this part (message key refusal.governance.<key>, in every catalog). */
export const CONGRESS_REFUSALS = [
  'congressAlreadyCalled',
  'congressNoBody',
  'congressNoticeShort',
  'congressBeyondSchedule',
  'congressNoSchedule',
  'congressNotDue',
  'congressUnknown',
  'congressNotInPreparation',
  'congressNotOpen',
  'congressNotInSession',
  'congressOpensLater',
  'congressRollEmpty',
  'congressPetitionWhileCalled',
  'congressPetitionSignedAlready',
  'congressPetitionResolvedAlready',
  'congressExtraordinaryFixed',
  'congressPostponeEarlier',
  'congressPostponedTooLong',
  'delegateSeatsShort',
  'delegateUnitNotApportioned',
  'delegatesElectedAlready',
  'delegateSeatsMismatch',
  'delegateNotOnRoll',
  'delegateTooFewCandidates',
  'delegateBallotNotCandidate',
  'delegateBallotRepeats',
  'delegateBallotsExceedRoll',
] as const;

export interface CongressRecord {
  readonly id: Id;
  readonly bodyId: Id;
  readonly kind: CongressKind;
  readonly calledBy: string;
  readonly calledOn: string;
  /** The opening in force (moved only by a carried postponement vote). */
  readonly opensOn: string;
  /** The opening set by the call: postponements count their days from it. */
  readonly originalOpensOn: string;
  readonly status: 'called' | 'opened' | 'closed';
  readonly openedOn: string | null;
  readonly closedOn: string | null;
}

export type Apportionment = Omit<Extract<CongressEvent, { type: 'delegates.apportioned' }>, 'type'>;
export type DelegateElection = Omit<Extract<CongressEvent, { type: 'delegates.elected' }>, 'type'>;
export type PostponementVote = Omit<Extract<CongressEvent, { type: 'congress.postponement-voted' }>, 'type'>;

/** This part's slice of the state: read-only maps (copied once per batch into a draft). */
export interface CongressSlice {
  readonly congresses: ReadonlyMap<Id, CongressRecord>;
  /** Each congress's frozen roll: its entries, sorted by member id. */
  readonly rolls: ReadonlyMap<Id, readonly RollEntry[]>;
  readonly apportionments: ReadonlyMap<Id, Apportionment>;
  /** Delegate elections, by `<congressId>/<unitId>`. */
  readonly elections: ReadonlyMap<string, DelegateElection>;
  /** The credentials report of each opened congress. */
  readonly credentials: ReadonlyMap<Id, readonly DelegateCredential[]>;
  /** Every postponement vote, carried or lost, by congress. */
  readonly postponements: ReadonlyMap<Id, readonly PostponementVote[]>;
  /** The petition for an extraordinary congress: members who signed (and the day), since the last call. */
  readonly petitionSignatures: ReadonlyMap<Id, string>;
  /** Electing units whose assemblies resolved to petition (and the day), since the last call. */
  readonly petitionUnits: ReadonlyMap<Id, string>;
}

export const EMPTY_CONGRESS: CongressSlice = {
  congresses: new Map(),
  rolls: new Map(),
  apportionments: new Map(),
  elections: new Map(),
  credentials: new Map(),
  postponements: new Map(),
  petitionSignatures: new Map(),
  petitionUnits: new Map(),
};
