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

/** The citation of a clause of the statute in force. */
export function statuteRule(rule: Clause): RuleCitation {
  return { source: 'Statute', clause: `§${rule.clause}` };
}

/** "Statute §3.2" / "Plenum governance.founders-period": how a citation is shown. */
export function citeRule(citation: RuleCitation): string {
  return `${citation.source} ${citation.clause}`;
}
