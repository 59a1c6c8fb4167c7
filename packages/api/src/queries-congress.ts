import { z } from 'zod/mini';
import { id } from './command-kit.ts';

/**
 * The answers to the read-only queries of the congress's parts (GET /api/…): congresses and
 * their frozen rolls, the bulletin, platforms and letters, motions, meetings and their
 * minutes, disciplinary cases (their public view only). All read from the organisation's
 * state as the record has it; days are YYYY-MM-DD, times of day HH:MM.
 */

// ─── Shared pieces ──────────────────────────────────────────────────────────────────────

/** A vote as the record keeps it: the count, the members of the body that day, the majority applied and its arithmetic. */
export const recordedVote = z.object({
  yes: z.number(),
  no: z.number(),
  abstain: z.number(),
  present: z.number(),
  members: z.number(),
  majority: z.string(),
  arithmetic: z.string(),
});

/** A vote of a meeting: how it was taken, each member's answer for a roll call, and whether it carried. */
export const meetingVote = z.object({
  ...recordedVote.shape,
  method: z.enum(['show-of-hands', 'roll-call', 'secret-ballot']),
  roll: z.nullable(z.array(z.object({ memberId: z.string(), choice: z.enum(['yes', 'no', 'abstain']) }))),
  carried: z.boolean(),
});
export type MeetingVoteView = z.infer<typeof meetingVote>;

/** A moment of a meeting: its day and time of day. */
export const moment = z.object({ on: z.string(), at: z.string() });

// ─── Congresses (G2, G8) ────────────────────────────────────────────────────────────────

export const congressSummary = z.object({
  id: z.string(),
  /** The congress body. */
  bodyId: z.string(),
  kind: z.enum(['regular', 'extraordinary']),
  /** `body:<id>` (the calling body), `statute` (convoked when overdue) or `petition` (extraordinary). */
  calledBy: z.string(),
  calledOn: z.string(),
  /** The opening in force (moved only by a carried postponement vote). */
  opensOn: z.string(),
  /** The opening the call set. */
  originalOpensOn: z.string(),
  status: z.enum(['called', 'opened', 'closed']),
  openedOn: z.nullable(z.string()),
  closedOn: z.nullable(z.string()),
});
export type CongressSummary = z.infer<typeof congressSummary>;

/** GET /api/congresses — every congress, in the order called; `current` is the one called and not yet closed. */
export const congressList = z.object({
  congresses: z.array(congressSummary),
  current: z.nullable(z.string()),
});
export type CongressList = z.infer<typeof congressList>;

/** The frozen roll's seal: the cutoff day, the hash of its entries, their number and the count per electing unit. */
export const rollSeal = z.object({
  cutoff: z.string(),
  /** SHA-256 (lowercase hex) of the canonical JSON of the entries as [memberId, unitId] pairs, sorted by member id. */
  hash: z.string(),
  total: z.number(),
  units: z.array(z.object({ unitId: z.string(), members: z.number() })),
});
export type RollSeal = z.infer<typeof rollSeal>;

/** The apportionment of delegates with its arithmetic, as the record published it. */
export const apportionmentView = z.object({
  method: z.string(),
  seats: z.number(),
  minimumPerUnit: z.number(),
  /** The seats shared in proportion after each unit with members got the minimum. */
  sharedSeats: z.number(),
  /** The divisor chosen (divisor methods) or the Hare quota (largest remainders); null when no seat was left to share. */
  divisor: z.nullable(z.string()),
  /** Each unit: its members on the roll, its quotient (or quota) for the shared seats, its seats in all. */
  units: z.array(z.object({ unitId: z.string(), members: z.number(), quotient: z.string(), seats: z.number() })),
  /** The seed of any draw by lot: the roll's hash. */
  seed: z.string(),
  on: z.string(),
});

/** A delegate election in an electing unit: candidates, the recorded ballots, who was elected and the count's quota. */
export const delegateElectionView = z.object({
  unitId: z.string(),
  bodyId: z.string(),
  method: z.string(),
  seats: z.number(),
  candidates: z.array(z.string()),
  ballots: z.array(z.object({ ranking: z.array(z.string()), count: z.number() })),
  elected: z.array(z.object({ memberId: z.string(), mandateId: z.string() })),
  quota: z.nullable(z.string()),
  rounds: z.number(),
  on: z.string(),
});

/** GET /api/congresses/:congressId — a congress, its roll's seal, apportionment, elections, credentials, postponements. */
export const congressDetail = z.object({
  congress: congressSummary,
  roll: z.nullable(rollSeal),
  apportionment: z.nullable(apportionmentView),
  /** The delegate elections recorded so far, by unit id. */
  elections: z.array(delegateElectionView),
  /** The credentials report, once the congress opened: the delegates seated, and the seats no one fills. */
  credentials: z.nullable(
    z.object({
      delegates: z.array(
        z.object({ memberId: z.string(), unitId: z.string(), mandateId: z.string(), electedOn: z.string() }),
      ),
      unfilled: z.array(z.object({ unitId: z.string(), seats: z.number() })),
    }),
  ),
  /** Every postponement vote, carried or lost. */
  postponements: z.array(z.object({ carried: z.boolean(), opensOn: z.string(), vote: meetingVote, on: z.string() })),
});
export type CongressDetail = z.infer<typeof congressDetail>;

/** GET /api/congresses/:congressId/roll — the frozen roll: its seal and every entry, sorted by member id. */
export const congressRoll = z.object({
  congressId: z.string(),
  ...rollSeal.shape,
  entries: z.array(z.object({ memberId: z.string(), unitId: z.string() })),
});
export type CongressRoll = z.infer<typeof congressRoll>;

/**
 * GET /api/congresses/:congressId/roll/:memberId — a member's own entry (null: not on the roll)
 * and what checking it against the hash takes: the pair it adds to the canonical JSON, its
 * position among the entries sorted by member id, and the roll's hash and size (the entries
 * themselves are at …/roll).
 */
export const rollEntryView = z.object({
  congressId: z.string(),
  memberId: z.string(),
  cutoff: z.string(),
  hash: z.string(),
  total: z.number(),
  entry: z.nullable(z.object({ memberId: z.string(), unitId: z.string() })),
  /** 0-based position of the entry in the sorted entries, or null. */
  position: z.nullable(z.number()),
  /** The pair the hash covers for this entry: [memberId, unitId], or null. */
  pair: z.nullable(z.array(z.string())),
  /** How the hash is computed, in words. */
  algorithm: z.string(),
});
export type RollEntryView = z.infer<typeof rollEntryView>;

/** GET /api/congresses/petition — the petition for an extraordinary congress on a day. */
export const congressPetition = z.object({
  /** Signatures of members with a vote that day, and how many the statute's share of them needs. */
  signatures: z.number(),
  voters: z.number(),
  signaturesNeeded: z.number(),
  /** Resolutions of electing units' assemblies, and how many the share of electing units needs. */
  units: z.number(),
  electingUnits: z.number(),
  unitsNeeded: z.number(),
  reached: z.boolean(),
  /** Who signed and when, since the last call; and the units whose assemblies resolved to petition. */
  signers: z.array(z.object({ memberId: z.string(), on: z.string() })),
  resolutions: z.array(z.object({ unitId: z.string(), on: z.string() })),
  /** A congress called and not yet closed: no petition may be signed meanwhile. */
  current: z.nullable(z.string()),
  on: z.string(),
});
export type CongressPetition = z.infer<typeof congressPetition>;

// ─── Bulletin, platforms, letters (G3, G4) ──────────────────────────────────────────────

export const bulletinDocument = z.object({
  id: z.string(),
  /** `member:<id>` or `body:<id>`. */
  author: z.string(),
  title: z.string(),
  text: z.string(),
  congressId: z.nullable(z.string()),
  on: z.string(),
});

/** GET /api/bulletin — the documents of the bulletin, in order of publication. */
export const bulletinList = z.object({ documents: z.array(bulletinDocument) });
export type BulletinList = z.infer<typeof bulletinList>;

const platformFiling = z.object({
  on: z.string(),
  /** The signatories who counted (members with a vote that day), in order of signing. */
  signatories: z.array(z.string()),
  /** The members with a vote that day, and the signatures the statute's share asked for. */
  members: z.number(),
  needed: z.number(),
});

export const platformSummary = z.object({
  id: z.string(),
  title: z.string(),
  /** 1 as drafted; each amendment adopted adds one. */
  version: z.number(),
  drafter: z.string(),
  congressId: z.nullable(z.string()),
  draftedOn: z.string(),
  /** Everyone who signed, the drafter first. */
  signatories: z.array(z.string()),
  filed: z.nullable(platformFiling),
});

/** GET /api/platforms — platforms (with ?congress=, those filed for that congress), in order of drafting. */
export const platformList = z.object({ platforms: z.array(platformSummary) });
export type PlatformList = z.infer<typeof platformList>;

/**
 * How an item went by e-mail (the record's delivery is the app's inbox; e-mail is sent besides,
 * when the server has an SMTP server): messages sent, still to send (retries included), failed
 * for good, and recipients without an address. Counts only, never an address. With
 * `configured: false` no e-mail is sent at all and every count is 0.
 */
export const mailSummary = z.object({
  configured: z.boolean(),
  sent: z.number(),
  pending: z.number(),
  failed: z.number(),
  withoutAddress: z.number(),
});
export type MailSummaryView = z.infer<typeof mailSummary>;

/** GET /api/platforms/:platformId — a platform's text, signatures, filing, circulations and amendments. */
export const platformDetail = z.object({
  platform: z.object({
    ...platformSummary.shape,
    text: z.string(),
    /**
     * Each version delivered to every member: the recipients (sorted) and their hash, as the
     * record has it, and how it went by e-mail.
     */
    circulations: z.array(
      z.object({
        version: z.number(),
        on: z.string(),
        recipients: z.array(z.string()),
        recipientsHash: z.string(),
        mail: mailSummary,
      }),
    ),
    /** Every circulation's e-mail together. */
    mail: mailSummary,
  }),
  amendments: z.array(
    z.object({
      id: z.string(),
      proposer: z.string(),
      text: z.string(),
      baseVersion: z.number(),
      proposedOn: z.string(),
      approvals: z.array(z.string()),
      adoptedOn: z.nullable(z.string()),
    }),
  ),
});
export type PlatformDetail = z.infer<typeof platformDetail>;

/**
 * An inbox item's e-mail to this member, only when the server sends e-mail: sent, pending
 * (retries included), failed for good, or none (no address, or not planned yet).
 */
const inboxMail = z.optional(z.enum(['sent', 'pending', 'failed', 'none']));

/** GET /api/members/:memberId/inbox — every platform circulated and letter delivered to a member, by day. */
export const memberInbox = z.object({
  memberId: z.string(),
  items: z.array(
    z.discriminatedUnion('kind', [
      z.object({
        kind: z.literal('platform'),
        platformId: z.string(),
        version: z.number(),
        title: z.string(),
        on: z.string(),
        mail: inboxMail,
      }),
      z.object({
        kind: z.literal('letter'),
        letterId: z.string(),
        from: z.string(),
        toBodyId: z.string(),
        title: z.string(),
        on: z.string(),
        mail: inboxMail,
      }),
    ]),
  ),
});
export type MemberInbox = z.infer<typeof memberInbox>;

/** GET /api/bodies/:bodyId/letters — the letters written to a body, in order, each with those it was delivered to. */
export const letterList = z.object({
  bodyId: z.string(),
  letters: z.array(
    z.object({
      id: z.string(),
      from: z.string(),
      toBodyId: z.string(),
      title: z.string(),
      text: z.string(),
      recipients: z.array(z.string()),
      on: z.string(),
      /** How it went by e-mail to its recipients. */
      mail: mailSummary,
    }),
  ),
});
export type LetterList = z.infer<typeof letterList>;

// ─── Motions ────────────────────────────────────────────────────────────────────────────

export const motionSummary = z.object({
  id: z.string(),
  toBodyId: z.string(),
  title: z.string(),
  /** `member:<id>` or `body:<id>`: one, or for a composite every mover of the motions it merges. */
  movers: z.array(z.string()),
  cosigners: z.array(z.string()),
  status: z.enum(['drafted', 'submitted', 'withdrawn', 'composited', 'decided']),
  draftedOn: z.string(),
  submittedOn: z.nullable(z.string()),
  /** A composite: the motions it merges. */
  compositeOf: z.array(z.string()),
  /** Merged into this composite. */
  compositedInto: z.nullable(z.string()),
  decision: z.nullable(z.object({ carried: z.boolean(), on: z.string(), vote: meetingVote })),
});

/** GET /api/bodies/:bodyId/motions — the motions addressed to a body, in the order drafted. */
export const motionList = z.object({ bodyId: z.string(), motions: z.array(motionSummary) });
export type MotionList = z.infer<typeof motionList>;

const numberedLine = z.object({ number: z.number(), text: z.string() });
const lineRange = z.object({ fromLine: z.number(), toLine: z.number() });

/** GET /api/motions/:motionId — a motion's text in numbered lines, its amendments and the order of voting. */
export const motionDetail = z.object({
  motion: z.object({
    ...motionSummary.shape,
    /** The text as drafted. */
    text: z.string(),
    /** The current text, as amended, and its lines numbered from 1. */
    currentText: z.string(),
    lines: z.array(numberedLine),
    /** A body's motion: the vote by which it was moved. */
    submitVote: z.nullable(recordedVote),
  }),
  /** The composites proposed to merge this motion with others, agreed or awaiting its movers' consent. */
  composites: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      text: z.string(),
      motionIds: z.array(z.string()),
      proposedOn: z.string(),
      /** Every mover of the motions it merges: each must consent. */
      movers: z.array(z.string()),
      consents: z.array(z.string()),
      status: z.enum(['proposed', 'agreed']),
    }),
  ),
  /** Every amendment to the motion and to its amendments, in the order submitted. */
  amendments: z.array(
    z.object({
      id: z.string(),
      /** `motion`, or the amendment it amends. */
      target: z.discriminatedUnion('kind', [
        z.object({ kind: z.literal('motion') }),
        z.object({ kind: z.literal('amendment'), amendmentId: z.string() }),
      ]),
      /** The lines as its mover gave them. */
      fromLine: z.number(),
      toLine: z.number(),
      replacement: z.string(),
      mover: z.string(),
      submittedOn: z.string(),
      submitVote: z.nullable(recordedVote),
      status: z.enum(['pending', 'carried', 'lost', 'fell']),
      /** Where it lies in its target's current text, and its replacement's current lines. */
      current: lineRange,
      lines: z.array(z.string()),
      decision: z.nullable(z.object({ on: z.string(), vote: meetingVote })),
      fellBecause: z.nullable(z.string()),
      /** A pending amendment, line by line against its target's current text: kept, deleted, inserted. */
      preview: z.nullable(
        z.array(
          z.object({
            status: z.enum(['kept', 'deleted', 'inserted']),
            text: z.string(),
            before: z.nullable(z.number()),
            after: z.nullable(z.number()),
          }),
        ),
      ),
    }),
  ),
  /** The ids to vote on, in order: the pending amendments, then the motion; empty when it is not before its body. */
  votingOrder: z.array(z.string()),
});
export type MotionDetail = z.infer<typeof motionDetail>;

// ─── Meetings (G10) ─────────────────────────────────────────────────────────────────────

const side = z.enum(['for', 'against', 'neutral']);

export const agendaItem = z.object({
  itemId: z.string(),
  title: z.string(),
  kind: z.enum(['item', 'co-report']),
  platformId: z.nullable(z.string()),
  /** A co-report's minutes. */
  minutes: z.nullable(z.number()),
});

export const listEntry = z.object({
  itemId: z.string(),
  memberId: z.string(),
  side,
  platformId: z.nullable(z.string()),
  listed: moment,
  status: z.enum(['waiting', 'called', 'withdrawn']),
  speech: z.nullable(z.number()),
});

export const speech = z.object({
  /** Its sequence in the meeting: referenced as speech:<meetingId>:<n>. */
  n: z.number(),
  itemId: z.string(),
  memberId: z.string(),
  side,
  platformId: z.nullable(z.string()),
  coReport: z.boolean(),
  /** The time limit. */
  minutes: z.number(),
  called: moment,
  ended: z.nullable(z.object({ ...moment.shape, by: z.enum(['speaker', 'chair']) })),
});

const pointOfOrder = z.object({
  pointId: z.string(),
  memberId: z.string(),
  text: z.string(),
  raised: moment,
  rulingId: z.nullable(z.string()),
});

const ruling = z.object({
  rulingId: z.string(),
  pointId: z.nullable(z.string()),
  decision: z.string(),
  given: moment,
  challenge: z.nullable(
    z.object({
      memberId: z.string(),
      raised: moment,
      decided: z.nullable(z.object({ ...moment.shape, overturned: z.boolean(), vote: meetingVote })),
    }),
  ),
});

const meetingVoteRecord = z.object({
  voteId: z.string(),
  itemId: z.string(),
  question: z.string(),
  result: meetingVote,
  taken: moment,
});

const agendaVote = z.object({ ...moment.shape, agenda: z.array(agendaItem), carried: z.boolean(), vote: meetingVote });
const meetingClosed = z.nullable(
  z.object({ ...moment.shape, by: z.enum(['chair', 'meeting']), vote: z.nullable(meetingVote) }),
);

/** GET /api/meetings/:meetingId — a meeting: its agenda, each item's speakers' list and next speaker, points, rulings, votes. */
export const meetingDetail = z.object({
  meeting: z.object({
    id: z.string(),
    bodyId: z.string(),
    chairId: z.string(),
    opened: moment,
    closed: meetingClosed,
    /** The time of the meeting's latest act. */
    clock: moment,
  }),
  agenda: z.array(
    z.object({
      ...agendaItem.shape,
      /** Every request to speak, in the order made (waiting, called or withdrawn). */
      list: z.array(listEntry),
      speeches: z.array(speech),
      /** The one speaker the chair may call next by the standing orders, or null. */
      next: z.nullable(listEntry),
      debateClosed: z.nullable(z.object({ ...moment.shape, waiting: z.array(z.string()) })),
    }),
  ),
  agendaVotes: z.array(agendaVote),
  points: z.array(pointOfOrder),
  rulings: z.array(ruling),
  votes: z.array(meetingVoteRecord),
});
export type MeetingDetail = z.infer<typeof meetingDetail>;

/** GET /api/meetings/:meetingId/minutes — the minutes, generated from the record (…/minutes.md: in Markdown). */
export const meetingMinutes = z.object({
  meetingId: z.string(),
  bodyId: z.string(),
  bodyName: z.string(),
  chairId: z.string(),
  opened: moment,
  closed: meetingClosed,
  items: z.array(
    z.object({
      item: agendaItem,
      speeches: z.array(z.object({ ...speech.shape, spoke: z.nullable(z.number()), overran: z.boolean() })),
      waiting: z.array(z.string()),
      debateClosed: z.nullable(z.object({ ...moment.shape, waiting: z.array(z.string()) })),
      votes: z.array(meetingVoteRecord),
    }),
  ),
  agendaVotes: z.array(agendaVote),
  points: z.array(pointOfOrder),
  rulings: z.array(ruling),
  /** Motions and amendments the body decided while the meeting sat (a motion's vote names no meeting: the day does). */
  motions: z.array(
    z.object({
      motionId: z.string(),
      title: z.string(),
      amendments: z.array(
        z.object({
          amendmentId: z.string(),
          fromLine: z.number(),
          toLine: z.number(),
          status: z.enum(['pending', 'carried', 'lost', 'fell']),
          /** Null for an amendment that fell. */
          vote: z.nullable(meetingVote),
          fellBecause: z.nullable(z.string()),
        }),
      ),
      /** The decision on the motion itself, if it was taken at this meeting. */
      decision: z.nullable(z.object({ carried: z.boolean(), on: z.string(), vote: meetingVote })),
    }),
  ),
  /** The names of the members who appear, by id. */
  names: z.record(z.string(), z.string()),
});
export type MeetingMinutes = z.infer<typeof meetingMinutes>;

/** GET /api/meetings/:meetingId/minutes.md — the minutes in Markdown, in the request's language. */
export const minutesMarkdownText = z.string();

// ─── Disciplinary cases (G6) ────────────────────────────────────────────────────────────

const caseDetailText = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('text'), text: z.string() }),
  z.object({ kind: z.literal('commitment'), commitment: z.string() }),
]);

/**
 * GET /api/cases/:caseId — a case as anyone may see it: its parties, bodies, every step with
 * its day, where it stands and how it ended. A confidential case shows no charges, grounds or
 * reply (null); another shows its texts.
 */
export const publicCase = z.object({
  id: z.string(),
  accusedId: z.string(),
  bodyId: z.string(),
  confidential: z.boolean(),
  openedOn: z.string(),
  replyBy: z.string(),
  hearingOn: z.nullable(z.string()),
  appealBy: z.nullable(z.string()),
  steps: z.array(
    z.object({
      step: z.enum([
        'opened',
        'replied',
        'hearing-scheduled',
        'heard',
        'decided',
        'appealed',
        'appeal-decided',
        'penalty-effective',
      ]),
      on: z.string(),
    }),
  ),
  stage: z.enum(['open', 'heard', 'decided', 'appealed', 'closed']),
  outcome: z.nullable(z.enum(['acquitted', 'quashed', 'in-force'])),
  penalty: z.nullable(z.enum(['none', 'warning', 'suspension', 'expulsion'])),
  charges: z.nullable(caseDetailText),
  grounds: z.nullable(
    z.array(
      z.discriminatedUnion('kind', [
        z.object({ kind: z.literal('conduct'), description: caseDetailText }),
        z.object({ kind: z.literal('record'), ref: z.string() }),
      ]),
    ),
  ),
  reply: z.nullable(caseDetailText),
});
export type PublicCaseView = z.infer<typeof publicCase>;

/** GET /api/members/:memberId/cases — every case against a member, oldest first, in its public view. */
export const memberCases = z.object({ memberId: z.string(), cases: z.array(publicCase) });
export type MemberCases = z.infer<typeof memberCases>;

// ─── Parameters ─────────────────────────────────────────────────────────────────────────

/** `?congress=<id>`: the platforms filed for that congress. */
export const platformsQuery = z.object({ congress: z.optional(id) });
