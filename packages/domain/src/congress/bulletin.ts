// The part's data first: state.ts and decide.ts read its constants while an import cycle is being evaluated.
export * from './bulletin-model.ts';

import { sha256 } from '@noble/hashes/sha2.js';
import { canonicalJson, ok, toHex, utf8, type Id, type Refusal } from '@plenum/kernel';
import {
  actorName,
  bodyMembers,
  cite,
  hasVotingRights,
  no,
  notAllowed,
  plenum,
  shareNeeded,
  validId,
  validName,
  validText,
  votingMembers,
  type Ctx,
  type Decision,
} from '../governance/common.ts';
import { isMemberOn, type GovernanceDraft, type GovernanceEvent, type GovernanceState } from '../governance/state.ts';
import {
  BULLETIN_MAX_TEXT,
  type BulletinCommand,
  type BulletinDocument,
  type BulletinEvent,
  type LetterRecord,
  type PlatformCirculation,
  type PlatformRecord,
} from './bulletin-model.ts';
import { currentCongress } from './congress.ts';
import { platformCongress } from './floor-platforms.ts';

/**
 * The engine's part for the pre-congress discussion bulletin, platforms and their circulation,
 * and letters to a body (G3, G4).
 *
 * - The bulletin: while the pre-congress discussion is open, any member or body publishes a
 *   contribution. Nothing edits, withdraws or hides a document: there is no command for it.
 * - Platforms (G3): a member drafts one (and is its first signatory); members with a vote sign
 *   it; when the signatures of those who are voting members that day reach the statute's share
 *   (platforms.signature-share), the same batch files it and circulates it to every member.
 *   No body can block, delay or edit it: no body has any command on a platform, and only its
 *   signatories amend it, by a majority of them; an amendment adopted on a filed platform is
 *   circulated again, as a new version, in the same batch.
 * - Letters: any member writes to any body; the letter is delivered to every member of the body
 *   (for a congress, its delegates) in the very event that records it, so nobody can withhold it
 *   (Lenin's letter to the XII Congress).
 *
 * Circulation: the member's inbox in the app (inboxOf) is the record of delivery. E-mail comes
 * with the mailer of issue 8; it will read the same events.
 */

export function applyBulletin(d: GovernanceDraft, event: BulletinEvent): void {
  const b = d.bulletin;
  switch (event.type) {
    case 'bulletin.published':
      b.documents.set(event.documentId, {
        id: event.documentId,
        author: event.author,
        title: event.title,
        text: event.text,
        congressId: event.congressId,
        on: event.on,
      });
      return;
    case 'platform.drafted':
      b.platforms.set(event.platformId, {
        id: event.platformId,
        title: event.title,
        text: event.text,
        version: 1,
        drafter: event.drafter,
        congressId: event.congressId,
        draftedOn: event.on,
        signatories: [event.drafter],
        filed: null,
        circulations: [],
      });
      return;
    case 'platform.signed': {
      const p = b.platforms.get(event.platformId);
      if (p !== undefined) b.platforms.set(p.id, { ...p, signatories: [...p.signatories, event.memberId] });
      return;
    }
    case 'platform.filed': {
      const p = b.platforms.get(event.platformId);
      if (p !== undefined) {
        const { signatories, members, needed, on } = event;
        b.platforms.set(p.id, { ...p, filed: { on, signatories, members, needed } });
      }
      return;
    }
    case 'platform.circulated': {
      const p = b.platforms.get(event.platformId);
      if (p === undefined) return;
      // The recipients are those the rules counted: every member on that day, as the fold has them here.
      const circulation: PlatformCirculation = {
        version: event.version,
        on: event.on,
        recipients: membersOn(d, event.on),
        recipientsHash: event.recipientsHash,
      };
      b.platforms.set(p.id, { ...p, circulations: [...p.circulations, circulation] });
      return;
    }
    case 'platform.amendment-proposed':
      b.amendments.set(event.amendmentId, {
        id: event.amendmentId,
        platformId: event.platformId,
        proposer: event.proposer,
        text: event.text,
        baseVersion: event.baseVersion,
        proposedOn: event.on,
        approvals: [event.proposer],
        adoptedOn: null,
      });
      return;
    case 'platform.amendment-approved': {
      const a = b.amendments.get(event.amendmentId);
      if (a !== undefined) b.amendments.set(a.id, { ...a, approvals: [...a.approvals, event.memberId] });
      return;
    }
    case 'platform.amended': {
      const p = b.platforms.get(event.platformId);
      if (p !== undefined) b.platforms.set(p.id, { ...p, text: event.text, version: event.version });
      const a = b.amendments.get(event.amendmentId);
      if (a !== undefined) b.amendments.set(a.id, { ...a, adoptedOn: event.on });
      return;
    }
    case 'letter.delivered':
      b.letters.set(event.letterId, {
        id: event.letterId,
        from: event.from,
        toBodyId: event.toBodyId,
        title: event.title,
        text: event.text,
        recipients: event.recipients,
        on: event.on,
      });
      return;
  }
}

// ─── Decisions ──────────────────────────────────────────────────────────────────────────

export function decideBulletin(ctx: Ctx, command: BulletinCommand): Decision {
  switch (command.type) {
    case 'publishContribution':
      return publishContribution(ctx, command);
    case 'draftPlatform':
      return draftPlatform(ctx, command);
    case 'signPlatform':
      return signPlatform(ctx, command);
    case 'proposePlatformAmendment':
      return proposeAmendment(ctx, command);
    case 'approvePlatformAmendment':
      return approveAmendment(ctx, command);
    case 'sendLetter':
      return sendLetter(ctx, command);
  }
}

type Cmd<K extends BulletinCommand['type']> = Extract<BulletinCommand, { type: K }>;

function publishContribution(ctx: Ctx, c: Cmd<'publishContribution'>): Decision {
  const { state, statute, actor } = ctx;
  const rule = cite(statute.preCongressDiscussion);
  if (actor.kind !== 'member' && actor.kind !== 'body') return notAllowed(rule, actorName(actor));
  const bad = badInput({
    documentId: validId(c.documentId),
    title: validName(c.title),
    text: validText(c.text, BULLETIN_MAX_TEXT),
  });
  if (bad !== null) return bad;
  if (!state.discussionOpen) return no(rule, 'discussionClosed');
  if (state.bulletin.documents.has(c.documentId)) return no(plenum('unique-id'), 'exists', { id: c.documentId });
  return ok([
    {
      type: 'bulletin.published',
      documentId: c.documentId,
      author: `${actor.kind}:${actor.id}`,
      title: c.title,
      text: c.text,
      congressId: congressOfDiscussion(state),
      on: c.on,
    },
  ]);
}

function draftPlatform(ctx: Ctx, c: Cmd<'draftPlatform'>): Decision {
  const { state, statute, actor } = ctx;
  if (actor.kind !== 'member') return noBody(ctx);
  const bad = badInput({
    platformId: validId(c.platformId),
    title: validName(c.title),
    text: validText(c.text, BULLETIN_MAX_TEXT),
  });
  if (bad !== null) return bad;
  if (!state.discussionOpen) return no(cite(statute.preCongressDiscussion), 'discussionClosed');
  // The drafter is the first signatory: like every signatory, a member with a vote.
  const drafter = state.members.get(actor.id);
  if (drafter === undefined || !hasVotingRights(statute, drafter, c.on)) {
    return no(cite(statute.platforms), 'platformSignerNoVote', { member: actor.id });
  }
  if (state.bulletin.platforms.has(c.platformId)) return no(plenum('unique-id'), 'exists', { id: c.platformId });
  const drafted: GovernanceEvent = {
    type: 'platform.drafted',
    platformId: c.platformId,
    title: c.title,
    text: c.text,
    drafter: actor.id,
    congressId: congressOfDiscussion(state),
    on: c.on,
  };
  // The drafter alone may reach the share in a small organisation: filed at once.
  return ok([drafted, ...filing(state, c.platformId, 1, [actor.id], c.on)]);
}

/**
 * Signing: by a member with a vote, once, while the discussion is open. A filed platform may
 * still be signed: the late signature is recorded (the support a platform gathers is public
 * and its late signatories may amend it with the others), but it is filed and circulated once.
 */
function signPlatform(ctx: Ctx, c: Cmd<'signPlatform'>): Decision {
  const { state, statute, actor } = ctx;
  const rule = cite(statute.platforms);
  if (actor.kind !== 'member') return noBody(ctx);
  if (!validId(c.platformId)) return no(plenum('input'), 'input', { field: 'platformId' });
  const p = state.bulletin.platforms.get(c.platformId);
  if (p === undefined) return no(plenum('unknown'), 'platformUnknown', { id: c.platformId });
  if (!state.discussionOpen) return no(cite(statute.preCongressDiscussion), 'discussionClosed');
  const signer = state.members.get(actor.id);
  if (signer === undefined || !hasVotingRights(statute, signer, c.on)) {
    return no(rule, 'platformSignerNoVote', { member: actor.id });
  }
  if (p.signatories.includes(actor.id)) return no(rule, 'platformSignedAlready', { member: actor.id, id: p.id });
  const signed: GovernanceEvent = { type: 'platform.signed', platformId: p.id, memberId: actor.id, on: c.on };
  if (p.filed !== null) return ok([signed]);
  return ok([signed, ...filing(state, p.id, p.version, [...p.signatories, actor.id], c.on)]);
}

/**
 * platform.filed and platform.circulated when the signatures of those who are voting members
 * on `on` reach the statute's share of the voting members; otherwise nothing.
 */
function filing(
  state: GovernanceState,
  platformId: Id,
  version: number,
  signers: readonly Id[],
  on: string,
): GovernanceEvent[] {
  const statute = state.statute;
  if (statute === null) return [];
  const voting = new Set(votingMembers(state, on));
  const counted = signers.filter((id) => voting.has(id));
  const needed = shareNeeded(voting.size, statute.platforms.signatureShare);
  if (counted.length < needed) return [];
  return [
    { type: 'platform.filed', platformId, signatories: counted, members: voting.size, needed, on },
    circulation(state, platformId, version, on),
  ];
}

function circulation(state: GovernanceState, platformId: Id, version: number, on: string): GovernanceEvent {
  const recipients = membersOn(state, on);
  return {
    type: 'platform.circulated',
    platformId,
    version,
    recipients: recipients.length,
    recipientsHash: recipientsHash(recipients),
    on,
  };
}

/** The hash a platform.circulated event carries: SHA-256 (hex) of the canonical JSON of the sorted ids. */
export function recipientsHash(sortedIds: readonly Id[]): string {
  return toHex(sha256(utf8(canonicalJson(sortedIds))));
}

/** Every member of the organisation on a day (with or without a vote yet), sorted by id. */
function membersOn(state: Pick<GovernanceState, 'members'>, on: string): Id[] {
  const ids: Id[] = [];
  for (const m of state.members.values()) if (isMemberOn(m, on)) ids.push(m.id);
  return sortIds(ids);
}

function proposeAmendment(ctx: Ctx, c: Cmd<'proposePlatformAmendment'>): Decision {
  const { state, statute, actor } = ctx;
  const rule = cite(statute.platforms);
  if (actor.kind !== 'member') return noBody(ctx);
  const bad = badInput({
    platformId: validId(c.platformId),
    amendmentId: validId(c.amendmentId),
    text: validText(c.text, BULLETIN_MAX_TEXT),
  });
  if (bad !== null) return bad;
  const p = state.bulletin.platforms.get(c.platformId);
  if (p === undefined) return no(plenum('unknown'), 'platformUnknown', { id: c.platformId });
  if (!p.signatories.includes(actor.id)) return no(rule, 'platformNotSignatory', { member: actor.id, id: p.id });
  if (state.bulletin.amendments.has(c.amendmentId)) return no(plenum('unique-id'), 'exists', { id: c.amendmentId });
  const proposed: GovernanceEvent = {
    type: 'platform.amendment-proposed',
    platformId: p.id,
    amendmentId: c.amendmentId,
    proposer: actor.id,
    text: c.text,
    baseVersion: p.version,
    on: c.on,
  };
  return ok([proposed, ...adoption(state, p.id, c.amendmentId, c.text, [actor.id], c.on)]);
}

function approveAmendment(ctx: Ctx, c: Cmd<'approvePlatformAmendment'>): Decision {
  const { state, statute, actor } = ctx;
  const rule = cite(statute.platforms);
  if (actor.kind !== 'member') return noBody(ctx);
  if (!validId(c.amendmentId)) return no(plenum('input'), 'input', { field: 'amendmentId' });
  const a = state.bulletin.amendments.get(c.amendmentId);
  const p = a === undefined ? undefined : state.bulletin.platforms.get(a.platformId);
  if (a === undefined || p === undefined)
    return no(plenum('unknown'), 'platformAmendmentUnknown', { id: c.amendmentId });
  if (!p.signatories.includes(actor.id)) return no(rule, 'platformNotSignatory', { member: actor.id, id: p.id });
  // Adopted already, or another amendment was adopted since: it amends a text that is no longer the platform's.
  if (a.adoptedOn !== null || a.baseVersion !== p.version) {
    return no(rule, 'platformAmendmentStale', { id: a.id, base: a.baseVersion, version: p.version });
  }
  if (a.approvals.includes(actor.id)) return no(rule, 'platformAmendmentApprovedAlready', { member: actor.id });
  const approved: GovernanceEvent = {
    type: 'platform.amendment-approved',
    amendmentId: a.id,
    memberId: actor.id,
    on: c.on,
  };
  return ok([approved, ...adoption(state, p.id, a.id, a.text, [...a.approvals, actor.id], c.on)]);
}

/**
 * platform.amended (and, if the platform is filed, its new version circulated) when more than
 * half of the platform's signatories who are members that day approve; otherwise nothing.
 */
function adoption(
  state: GovernanceState,
  platformId: Id,
  amendmentId: Id,
  text: string,
  approvals: readonly Id[],
  on: string,
): GovernanceEvent[] {
  const p = state.bulletin.platforms.get(platformId);
  if (p === undefined) return [];
  const signatories = p.signatories.filter((id) => {
    const m = state.members.get(id);
    return m !== undefined && isMemberOn(m, on);
  });
  const yes = approvals.filter((id) => signatories.includes(id)).length;
  if (yes * 2 <= signatories.length) return [];
  const version = p.version + 1;
  const amended: GovernanceEvent = { type: 'platform.amended', platformId, amendmentId, version, text, on };
  return p.filed === null ? [amended] : [amended, circulation(state, platformId, version, on)];
}

function sendLetter(ctx: Ctx, c: Cmd<'sendLetter'>): Decision {
  const { state, statute, actor } = ctx;
  const rule = cite(statute.letters);
  if (actor.kind !== 'member') return notAllowed(rule, actorName(actor));
  const bad = badInput({
    letterId: validId(c.letterId),
    toBodyId: validId(c.toBodyId),
    title: validName(c.title),
    text: validText(c.text, BULLETIN_MAX_TEXT),
  });
  if (bad !== null) return bad;
  if (state.bulletin.letters.has(c.letterId)) return no(plenum('unique-id'), 'exists', { id: c.letterId });
  const to = state.bodies.get(c.toBodyId);
  if (to === undefined) return no(plenum('unknown'), 'unknownBody', { id: c.toBodyId });
  const recipients = sortIds(bodyMembers(state, to, c.on));
  if (recipients.length === 0) return no(rule, 'letterNoRecipients', { body: to.id });
  return ok([
    {
      type: 'letter.delivered',
      letterId: c.letterId,
      from: actor.id,
      toBodyId: to.id,
      title: c.title,
      text: c.text,
      recipients,
      on: c.on,
    },
  ]);
}

/** A body (or anyone but a member) acting on a platform: no body can draft, sign, block or edit one. */
function noBody(ctx: Ctx): Refusal {
  if (ctx.actor.kind === 'body')
    return no(cite(ctx.statute.platforms), 'platformBodiesCannotEdit', { who: actorName(ctx.actor) });
  return notAllowed(cite(ctx.statute.platforms), actorName(ctx.actor));
}

function badInput(fields: Readonly<Record<string, boolean>>): Refusal | null {
  for (const [field, valid] of Object.entries(fields)) if (!valid) return no(plenum('input'), 'input', { field });
  return null;
}

function sortIds(ids: readonly Id[]): Id[] {
  return [...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The congress the discussion prepares: the one called and not yet closed (Part A's currentCongress), if any. */
function congressOfDiscussion(state: GovernanceState): Id | null {
  return currentCongress(state)?.id ?? null;
}

// ─── Queries ────────────────────────────────────────────────────────────────────────────

/** The documents of the bulletin, in order of publication. */
export function bulletinOf(state: GovernanceState): BulletinDocument[] {
  return [...state.bulletin.documents.values()];
}

/** A filed platform as the congress's parts use it (co-report slots, speakers' quotas). */
export interface FiledPlatform {
  readonly id: Id;
  readonly title: string;
  readonly text: string;
  readonly version: number;
  readonly signatories: readonly Id[];
  readonly filedOn: string;
}

/** The filed platforms of a congress's discussion (null: those filed with no congress known), in order of drafting. */
export function platformsFor(state: GovernanceState, congressId: Id | null): FiledPlatform[] {
  const out: FiledPlatform[] = [];
  for (const p of state.bulletin.platforms.values()) {
    if (p.filed === null || platformCongress(state, p) !== congressId) continue;
    out.push({
      id: p.id,
      title: p.title,
      text: p.text,
      version: p.version,
      signatories: p.signatories,
      filedOn: p.filed.on,
    });
  }
  return out;
}

export function platformOf(state: GovernanceState, id: Id): PlatformRecord | undefined {
  return state.bulletin.platforms.get(id);
}

/** The letters written to a body, in order. */
export function lettersTo(state: GovernanceState, bodyId: Id): LetterRecord[] {
  return [...state.bulletin.letters.values()].filter((l) => l.toBodyId === bodyId);
}

export type InboxItem =
  | {
      readonly kind: 'platform';
      readonly platformId: Id;
      readonly version: number;
      readonly title: string;
      readonly on: string;
    }
  | {
      readonly kind: 'letter';
      readonly letterId: Id;
      readonly from: Id;
      readonly toBodyId: Id;
      readonly title: string;
      readonly on: string;
    };

/** What was delivered to a member: every circulation of a platform and every letter to a body they sat in, by day. */
export function inboxOf(state: GovernanceState, memberId: Id): InboxItem[] {
  const items: InboxItem[] = [];
  for (const p of state.bulletin.platforms.values()) {
    for (const c of p.circulations) {
      if (c.recipients.includes(memberId)) {
        items.push({ kind: 'platform', platformId: p.id, version: c.version, title: p.title, on: c.on });
      }
    }
  }
  for (const l of state.bulletin.letters.values()) {
    if (l.recipients.includes(memberId)) {
      items.push({ kind: 'letter', letterId: l.id, from: l.from, toBodyId: l.toBodyId, title: l.title, on: l.on });
    }
  }
  // A stable sort: the same day keeps platforms before letters, each in record order.
  return items.sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
}

/** For the discussion's items (Part E): the kind of 'bulletin:<id>', 'platform:<id>' or 'letter:<id>' if it exists. */
export function discussionItemKind(
  state: GovernanceState,
  ref: string,
): 'bulletin' | 'platform' | 'letter' | undefined {
  const colon = ref.indexOf(':');
  if (colon < 0) return undefined;
  const kind = ref.slice(0, colon);
  const id = ref.slice(colon + 1);
  if (kind === 'bulletin') return state.bulletin.documents.has(id) ? 'bulletin' : undefined;
  if (kind === 'platform') return state.bulletin.platforms.has(id) ? 'platform' : undefined;
  if (kind === 'letter') return state.bulletin.letters.has(id) ? 'letter' : undefined;
  return undefined;
}
