import { z } from 'zod/mini';
import { day, id } from './commands.ts';
import { member } from './schemas.ts';

/**
 * The answers to the read-only queries (GET /api/…), all read from the organisation's state
 * as the record has it. Days are YYYY-MM-DD; `on` is the day an answer is for.
 */

/** A seat in a body (office null) or an office, from an election or an appointment. */
export const mandate = z.object({
  id: z.string(),
  memberId: z.string(),
  bodyId: z.string(),
  office: z.nullable(z.string()),
  how: z.enum(['election', 'appointment']),
  /** The body that elected or appointed. */
  byBodyId: z.string(),
  startsOn: z.string(),
  /** The end of the term (exclusive), or null for a mandate without a term (a delegate's). */
  endsOn: z.nullable(z.string()),
  /** Ended early: the day, and why. */
  ended: z.nullable(
    z.object({
      on: z.string(),
      reason: z.enum(['resigned', 'recalled', 'membership-ended', 'transferred', 'superseded']),
    }),
  ),
});
export type MandateView = z.infer<typeof mandate>;

/** A person, as lists of people show them. */
export const personSummary = z.object({
  id: z.string(),
  givenName: z.string(),
  familyName: z.string(),
  unitId: z.string(),
});

/** GET /api/members/:id — a member (or former member), every period of membership, and mandates. */
export const memberDetail = z.object({
  ...member.shape,
  periods: z.array(z.object({ from: z.string(), to: z.nullable(z.string()) })),
  /** Mandates held on `on`, and those ended before it (or not begun yet). */
  mandates: z.object({ current: z.array(mandate), past: z.array(mandate) }),
  on: z.string(),
});
export type MemberDetail = z.infer<typeof memberDetail>;

/** GET /api/bodies/:id — a body, its members on a day, and the mandates held in it that day. */
export const bodyDetail = z.object({
  body: z.object({ id: z.string(), kind: z.string(), name: z.string(), unitId: z.string() }),
  /** How the statute composes it (all-members, elected, delegates), or null if it no longer knows the kind. */
  composition: z.nullable(z.string()),
  members: z.array(personSummary),
  mandates: z.array(mandate),
  on: z.string(),
});
export type BodyDetail = z.infer<typeof bodyDetail>;

/** GET /api/mandates — mandates held on `on` (all of them with all=true), by body or member. */
export const mandateList = z.object({ mandates: z.array(mandate), on: z.string() });
export type MandateList = z.infer<typeof mandateList>;

/** GET /api/statute — the statute in force, as adopted or last amended. */
export const statuteText = z.object({ title: z.string(), version: z.number(), text: z.string() });
export type StatuteText = z.infer<typeof statuteText>;

/** GET /api/applications — applications for membership not decided yet. */
export const applicationList = z.object({
  applications: z.array(z.object({ ...personSummary.shape, on: z.string(), status: z.literal('pending') })),
});
export type ApplicationList = z.infer<typeof applicationList>;

/** GET /api/tendencies — declared tendencies and who joined them. */
export const tendencyList = z.object({
  tendencies: z.array(
    z.object({ id: z.string(), name: z.string(), declaredOn: z.string(), members: z.array(z.string()) }),
  ),
});
export type TendencyList = z.infer<typeof tendencyList>;

/**
 * GET /api/recalls — open recall petitions: the mandate, the signatures of its electors so
 * far, and how many the statute's petition share of the electors asks for.
 */
export const recallList = z.object({
  recalls: z.array(z.object({ mandate, signatures: z.number(), needed: z.number(), electors: z.number() })),
  on: z.string(),
});
export type RecallList = z.infer<typeof recallList>;

/** GET /api/events — a page of the record, oldest first: each leaf as stored. */
export const eventList = z.object({
  events: z.array(z.object({ seq: z.number(), type: z.string(), payload: z.string(), recordedAt: z.string() })),
});
export type EventList = z.infer<typeof eventList>;

// ─── Parameters ─────────────────────────────────────────────────────────────────────────

/** A path parameter naming one thing by its id. */
export const idParams = z.strictObject({ id });

/** `?on=YYYY-MM-DD`: the day to answer for; today by default. */
export const onQuery = z.object({ on: z.optional(day) });

export const mandateQuery = z.object({
  body: z.optional(id),
  member: z.optional(id),
  /** true: every mandate ever held, not only those held on `on`. */
  all: z.optional(z.enum(['true', 'false'])),
  on: z.optional(day),
});

export const eventsQuery = z.object({
  /** The sequence number to read after (0: from the start). */
  after: z.optional(z.string().check(z.regex(/^\d{1,15}$/, 'a whole number ≥ 0'))),
  /** At most this many events (1000 at most; 100 by default). */
  limit: z.optional(z.string().check(z.regex(/^\d{1,15}$/, 'a whole number ≥ 0'))),
});
