import { z } from 'zod/mini';

/**
 * The JSON that crosses the HTTP and WebSocket boundary, described once and shared by the
 * server (which validates what it sends and receives), the browser and the CLI.
 * zod/mini keeps the browser bundle small.
 */
export const health = z.object({
  status: z.literal('ok'),
  version: z.string(),
  storage: z.string(),
  schemaVersion: z.number(),
  events: z.number(),
});
export type Health = z.infer<typeof health>;

/** A unit of the organisation's tree, at one of the statute's levels. */
export const unit = z.object({
  id: z.string(),
  level: z.string(),
  name: z.string(),
  /** null only for the root: the organisation itself. */
  parentId: z.nullable(z.string()),
});

/** A body (assembly, committee, commission, congress) of one of the statute's kinds. */
export const body = z.object({
  id: z.string(),
  kind: z.string(),
  name: z.string(),
  unitId: z.string(),
  /** Its members on the overview's day: the unit's members with a vote, or the holders of its seats. */
  members: z.number(),
});

export const overview = z.object({
  /** The root unit's name; null before the organisation is founded. */
  name: z.nullable(z.string()),
  statute: z.nullable(z.object({ title: z.string(), version: z.number() })),
  /** The statute's levels from the root down; members belong to the last. */
  levels: z.array(z.string()),
  units: z.array(unit),
  bodies: z.array(body),
  /** Current members per unit id; units without members are absent. */
  memberCounts: z.record(z.string(), z.number()),
  memberTotal: z.number(),
  eventCount: z.number(),
  /** The day (YYYY-MM-DD) the counts are for. */
  on: z.string(),
});
export type Overview = z.infer<typeof overview>;

export const member = z.object({
  id: z.string(),
  givenName: z.string(),
  familyName: z.string(),
  unitId: z.string(),
  /** The first day of the member's current period of membership. */
  since: z.string(),
  status: z.enum(['member', 'resigned', 'lapsed', 'expelled']),
});

export const memberList = z.object({ unitId: z.string(), members: z.array(member) });
export type MemberList = z.infer<typeof memberList>;

/** Every error response: a stable code, a translated message, and the request id to quote. */
export const errorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    requestId: z.string(),
  }),
});
export type ErrorBody = z.infer<typeof errorBody>;

/** Messages the server pushes on the live WebSocket (/api/live). */
/** The most events one live message carries. */
export const MAX_LIVE_EVENTS = 500;

export const liveMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('hello'), version: z.string(), events: z.number() }),
  /**
   * The record grew: the new events themselves (each the signed leaf's JSON, as GET
   * /api/events gives it: `payload`), so that a congress floor, a bulletin or a case follows live
   * without refetching; a batch larger than MAX_LIVE_EVENTS carries none (`items` empty),
   * and the client refetches.
   */
  z.object({
    type: z.literal('events'),
    lastSeq: z.number(),
    count: z.number(),
    items: z.array(z.object({ seq: z.number(), type: z.string(), recordedAt: z.string(), payload: z.string() })),
  }),
  /** A witness cosigned the checkpoint of this size. */
  z.object({ type: z.literal('cosigned'), size: z.number(), witness: z.string() }),
]);
export type LiveMessage = z.infer<typeof liveMessage>;

/** POST /log/cosignature: a witness returns a checkpoint of the log with its cosignature. */
export const cosignatureSubmission = z.object({
  /** The witness's verifier key, type 0x04 (C2SP tlog-cosignature). */
  witness: z.string().check(z.minLength(1), z.maxLength(512)),
  /** The signed checkpoint note, with the log's signature and the witness's cosignature. */
  cosigned: z.string().check(z.minLength(1), z.maxLength(16_384)),
});
export type CosignatureSubmission = z.infer<typeof cosignatureSubmission>;

/** GET /api/log: the log's identity and the witnesses that cosign it. */
export const logInfo = z.object({
  origin: z.nullable(z.string()),
  verifierKey: z.nullable(z.string()),
  size: z.number(),
  witnesses: z.array(
    z.object({ witness: z.string(), size: z.number(), timestamp: z.number(), recordedAt: z.string() }),
  ),
});
export type LogInfo = z.infer<typeof logInfo>;
