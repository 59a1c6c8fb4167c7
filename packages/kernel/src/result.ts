/**
 * A decision of the rules is a value, not an exception: either it is allowed (and carries
 * what follows from it), or it is refused and says which rule refuses it. Guarantee: every
 * refusal cites its rule (PRODUCT.md, "A refusal always cites its rule").
 */
export interface RuleCitation {
  /** Where the rule lives: "Statute §7.2", or "Plenum" for rules of the software itself. */
  readonly source: string;
  /** The clause's own identifier, e.g. "7.2" or "governance.founders-period". */
  readonly clause: string;
}

export interface Refusal {
  readonly ok: false;
  readonly rule: RuleCitation;
  /** Message key for the translation layer. */
  readonly messageKey: string;
  readonly params: Readonly<Record<string, string | number>>;
}

export interface Allowed<T> {
  readonly ok: true;
  readonly value: T;
}

export type Result<T> = Allowed<T> | Refusal;

export function ok<T>(value: T): Allowed<T> {
  return { ok: true, value };
}

export function refused(rule: RuleCitation, messageKey: string, params: Record<string, string | number> = {}): Refusal {
  return { ok: false, rule, messageKey, params };
}
