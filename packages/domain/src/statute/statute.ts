import type { RuleCitation } from '@plenum/kernel';

/**
 * The statute as data: a versioned document whose numbered clauses parameterise every rule
 * the engine enforces. Every parameter sits in a rule that carries the clause it comes from,
 * so that every refusal can cite "Statute §3.2". The document is written in YAML with
 * kebab-case keys (see parse.ts and docs/statute.md); in code its keys are camelCase.
 *
 * Plenum's own structural rules (a member belongs to a unit, …) are cited as "Plenum …"; the
 * statute decides everything an organisation may choose.
 */
export interface Statute {
  /** The format of the document (1). */
  readonly plenumStatute: 1;
  readonly title: string;
  /** 1 for the founding statute; each amendment by a congress adds one. */
  readonly version: number;
  readonly units: UnitRules;
  readonly majorities: Readonly<Record<string, MajorityRule>>;
  readonly quorum: QuorumRule;
  readonly bodies: Readonly<Record<string, BodyRule>>;
  readonly offices: Readonly<Record<string, OfficeRule>>;
  readonly membership: MembershipRules;
  readonly eligibility: EligibilityRules;
  readonly incompatibilities: readonly IncompatibilityRule[];
  readonly recall: RecallRule;
  readonly tendencies: TendencyRule;
  readonly preCongressDiscussion: DiscussionRule;
  readonly amendment: AmendmentRule;
  readonly congress: CongressRule;
  readonly delegates: DelegateRule;
  readonly platforms: PlatformRule;
  readonly letters: Clause;
  readonly motions: MotionRule;
  readonly meetings: MeetingRule;
  readonly discipline: DisciplineRule;
}

/** A rule of the statute: every one names its clause. */
export interface Clause {
  /** The clause number as the statute writes it: "3.2", "12", "IV.3". */
  readonly clause: string;
}

export interface UnitRules extends Clause {
  /** The levels of the tree from the root down, e.g. federation → section → branch; members belong to the last. */
  readonly levels: readonly string[];
  /** The body (kind) that may create units other than the root. */
  readonly createdBy: string;
}

/** A majority as decideMajority (@plenum/tally) computes it. */
export interface MajorityRule extends Clause {
  readonly kind: 'simple' | 'absolute' | 'qualified';
  readonly fraction?: readonly [number, number];
  readonly base: 'votes-cast' | 'present' | 'members';
  readonly abstentions: 'excluded' | 'counted';
}

export interface QuorumRule extends Clause {
  /** The share of a body's members who must be present for it to decide, as [numerator, denominator]. */
  readonly share: readonly [number, number];
}

export interface BodyRule extends Clause {
  /** The unit level the body belongs to. */
  readonly level: string;
  /** all-members: every member of the unit (an assembly); delegates: a congress; elected: a committee or commission. */
  readonly composition: 'all-members' | 'delegates' | 'elected';
  /** For an elected body: the body (kind) that elects it. */
  readonly electedBy?: string;
  /** For an elected body: how many seats. */
  readonly seats?: number;
  /** For an elected body: the length of a term in months. */
  readonly termMonths?: number;
  /** For an elected body: how many consecutive terms one member may serve. */
  readonly termLimit?: TermLimitRule;
}

export interface TermLimitRule extends Clause {
  readonly consecutiveTerms: number;
}

export interface OfficeRule extends Clause {
  /** The body (kind) the office belongs to: its holder must hold a seat in it, unless it is an all-members body. */
  readonly body: string;
  /** The body (kind) that elects or appoints the holder. */
  readonly chosenBy: string;
  readonly how: 'election' | 'appointment';
  readonly termMonths: number;
  readonly majority: string;
}

export interface MembershipRules {
  readonly admission: Clause & { readonly by: string; readonly majority: string };
  readonly votingRights: Clause & { readonly afterDays: number };
  readonly transfer: Clause & { readonly by: string; readonly majority: string };
  readonly resignation: Clause;
  readonly lapse: Clause & { readonly by: string; readonly majority: string };
  readonly readmission: Clause & { readonly by: string; readonly majority: string; readonly afterMonths: number };
}

export interface EligibilityRules {
  /** To hold a seat or an office: a member for at least this many days when the mandate begins. */
  readonly office: Clause & { readonly membershipDays: number };
}

export interface IncompatibilityRule extends Clause {
  /** No one may hold a seat in two of these bodies (kinds) at once. */
  readonly bodies: readonly string[];
}

export interface RecallRule extends Clause {
  /** The share of the electors (the members of the electing body) whose signatures open a recall vote. */
  readonly petitionShare: readonly [number, number];
  readonly majority: string;
}

export interface TendencyRule extends Clause {
  /** When members may organise a tendency or faction: always, or only while a pre-congress discussion is open. */
  readonly organise: 'always' | 'pre-congress-discussion';
}

export interface DiscussionRule extends Clause {
  /** The body (kind) that opens and closes the pre-congress discussion. */
  readonly openedBy: string;
}

export interface AmendmentRule extends Clause {
  /** The body (kind) that alone may amend the statute: a congress. */
  readonly by: string;
  readonly majority: string;
}

/** When and how the congress is convened (G8). */
export interface CongressRule extends Clause {
  /** The body (kind) of delegates that is the congress. */
  readonly body: string;
  /** The body (kind) that calls a regular congress. */
  readonly calledBy: string;
  /** A regular congress opens at most this many months after the previous one opened. */
  readonly everyMonths: number;
  /** A congress is called at least this many days before it opens. */
  readonly noticeDays: number;
  readonly extraordinary: ExtraordinaryCongressRule;
  readonly postponement: PostponementRule;
}

export interface ExtraordinaryCongressRule extends Clause {
  /** The share of the members with a vote whose signatures call an extraordinary congress. */
  readonly membersShare: readonly [number, number];
  /** The share of the units that elect delegates whose assemblies' resolutions call one. */
  readonly unitsShare: readonly [number, number];
  /** It opens at most this many days after the petition reached its share. */
  readonly conveneWithinDays: number;
}

export interface PostponementRule extends Clause {
  /** The body (kind) that may postpone a congress, by a recorded vote. */
  readonly by: string;
  readonly majority: string;
  /** The most days a congress may be put back in all. */
  readonly maxDays: number;
}

export type ApportionmentRule = 'sainte-lague' | 'dhondt' | 'hare-niemeyer';
export type DelegateElectionMethod = 'scottish-stv' | 'meek' | 'ers97';

/** How the congress's delegates are shared among units and elected in them (G2). */
export interface DelegateRule extends Clause {
  /** Delegates to elect in all. */
  readonly seats: number;
  /** The formula that shares them among units by their members on the frozen roll. */
  readonly apportionment: ApportionmentRule;
  /** Delegates every electing unit has, whatever its size (taken from the total). */
  readonly minimumPerUnit: number;
  /** The body (kind, all members of a unit) that elects its unit's delegates. */
  readonly electedBy: string;
  /** The proportional method of the election (a method of @plenum/tally). */
  readonly method: DelegateElectionMethod;
}

/** Platforms in the pre-congress discussion (G3). */
export interface PlatformRule extends Clause {
  /** The share of the members with a vote who must sign for a platform to be filed. */
  readonly signatureShare: readonly [number, number];
  /** The length of each platform's co-report at the congress. */
  readonly coReportMinutes: number;
}

/** Who may put a motion to a body, and how it is decided. */
export interface MotionRule extends Clause {
  /** A member's motion needs this many other members to co-sign it. */
  readonly memberCosigners: number;
  /** The majority by which a body resolves to submit a motion to another body. */
  readonly bodyMajority: string;
  /** The majority a motion or an amendment needs, unless the statute asks for another. */
  readonly majority: string;
}

/** Standing orders of meetings (G10). */
export interface MeetingRule extends Clause {
  readonly speakingMinutes: number;
  /** Speakers for and against alternate while both have speakers waiting. */
  readonly alternate: boolean;
  /** At the congress: turns each platform's speakers are owed in a debate before it may be closed. */
  readonly platformQuota: number;
  /** The majority by which the meeting overturns a ruling of the chair. */
  readonly challengeMajority: string;
}

export type Penalty = 'warning' | 'suspension' | 'expulsion';

/** Due process (G6). */
export interface DisciplineRule extends Clause {
  /** The body (kind) that decides a case: the one in the member's unit, or the nearest above it. */
  readonly by: string;
  /** The majority of its secret ballot. */
  readonly majority: string;
  /** Days the accused has to reply in writing. */
  readonly replyDays: number;
  /** Days of notice of the hearing. */
  readonly noticeDays: number;
  /** Days to appeal a decision. */
  readonly appealDays: number;
  /** The bodies (kinds) appealed to, in order: e.g. the control commission, then the congress. */
  readonly appeals: readonly string[];
  readonly penalties: readonly Penalty[];
  /** Present if no member may be disciplined for opinions expressed in internal discussion. */
  readonly protectsOpinions?: Clause;
}

/** The citation of a clause of the statute in force. */
export function statuteRule(rule: Clause): RuleCitation {
  return { source: 'Statute', clause: `§${rule.clause}` };
}

/** "Statute §3.2" / "Plenum governance.founders-period": how a citation is shown. */
export function citeRule(citation: RuleCitation): string {
  return `${citation.source} ${citation.clause}`;
}
