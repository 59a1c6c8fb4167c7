import { createTranslator, type Locale, type Translate } from '@plenum/i18n';
import type { DomainEvent, GovernanceState, PlatformRecord } from '@plenum/domain';
import { rootUnitOf } from './queries.ts';

/**
 * E-mail circulation (G3, letters to a body), planned without I/O: the record's
 * platform.circulated and letter.delivered events become one message per recipient, written
 * in the server's language. Who receives an item is what the record says (the circulation's
 * recipients as the fold has them, the letter's own list); the addresses are private and
 * live beside the record (StoragePort contacts), so a member without one still has the item
 * in the app's inbox and is only counted as "without address".
 */
export interface MailSettings {
  /** The language messages are written in: the server's. */
  readonly locale: Locale;
  /** The server's public address (ending in "/"): each message links to its item when given. */
  readonly publicUrl?: string | undefined;
}

/** One item of the record to mail: the same subject and text for each of its recipients. */
export interface MailItem {
  /** `platform:<id>:<version>` or `letter:<id>`: the outbox's key, with the member's id. */
  readonly ref: string;
  /** Every member the record delivered it to, sorted. */
  readonly recipients: readonly string[];
  readonly subject: string;
  readonly text: string;
}

/** An event of the record with its position. */
export interface SeqEvent {
  readonly seq: number;
  readonly event: DomainEvent;
}

/** The outbox key of a platform's circulation of one version. */
export function platformMailRef(platformId: string, version: number): string {
  return `platform:${platformId}:${version}`;
}

/** The outbox key of a letter. */
export function letterMailRef(letterId: string): string {
  return `letter:${letterId}`;
}

/**
 * The platforms' texts by version that `events` need and neither they nor `state` give:
 * only a first version circulated long ago and amended since (its text is in the record's
 * platform.drafted, before `events`). The caller reads those from the record.
 */
export function platformTextsNeeded(state: GovernanceState, events: readonly SeqEvent[]): Set<string> {
  const known = textsIn(events);
  const needed = new Set<string>();
  for (const { event } of events) {
    if (event.type !== 'platform.circulated') continue;
    const key = textKey(event.platformId, event.version);
    if (!known.has(key) && textFromState(state, event.platformId, event.version) === undefined) {
      needed.add(event.platformId);
    }
  }
  return needed;
}

/** The platform texts by version that `events` carry (drafted: version 1; amended: its version). */
export function textsIn(events: readonly SeqEvent[]): Map<string, string> {
  const texts = new Map<string, string>();
  for (const { event } of events) {
    if (event.type === 'platform.drafted') texts.set(textKey(event.platformId, 1), event.text);
    if (event.type === 'platform.amended') texts.set(textKey(event.platformId, event.version), event.text);
  }
  return texts;
}

/**
 * The items to mail for `events` (in record order), on the state of the whole record:
 * a platform's circulation of one version, a letter. `earlierTexts` holds platform texts read
 * from before `events` (see platformTextsNeeded).
 */
export function mailItems(
  state: GovernanceState,
  events: readonly SeqEvent[],
  settings: MailSettings,
  earlierTexts: ReadonlyMap<string, string> = new Map(),
): MailItem[] {
  const t = createTranslator(settings.locale);
  const texts = new Map([...earlierTexts, ...textsIn(events)]);
  const organisation = organisationName(state);
  const items: MailItem[] = [];
  for (const { event } of events) {
    if (event.type === 'platform.circulated') {
      const platform = state.bulletin.platforms.get(event.platformId);
      const circulation = platform?.circulations.find((c) => c.version === event.version && c.on === event.on);
      if (platform === undefined || circulation === undefined) continue;
      const text =
        texts.get(textKey(platform.id, event.version)) ?? textFromState(state, platform.id, event.version) ?? '';
      const signatories = platform.filed?.signatories.length ?? platform.signatories.length;
      const params = { title: platform.title, version: event.version, on: event.on, organisation, signatories };
      items.push({
        ref: platformMailRef(platform.id, event.version),
        recipients: circulation.recipients,
        subject: t('mail.platform.subject', params),
        text: compose(t, t('mail.platform.body', params), platform.title, text, organisation, settings, [
          'api',
          'platforms',
          platform.id,
        ]),
      });
    }
    if (event.type === 'letter.delivered') {
      const author = state.members.get(event.from);
      const body = state.bodies.get(event.toBodyId)?.name ?? event.toBodyId;
      const params = {
        author: author === undefined ? event.from : `${author.givenName} ${author.familyName}`,
        body,
        title: event.title,
        on: event.on,
      };
      items.push({
        ref: letterMailRef(event.letterId),
        recipients: event.recipients,
        subject: t('mail.letter.subject', params),
        text: compose(t, t('mail.letter.body', params), event.title, event.text, organisation, settings, [
          'api',
          'bodies',
          event.toBodyId,
          'letters',
        ]),
      });
    }
  }
  return items;
}

/** The plain text of a message: what it is, the document in full, the link, the footer. */
function compose(
  t: Translate,
  intro: string,
  title: string,
  text: string,
  organisation: string,
  settings: MailSettings,
  path: readonly string[],
): string {
  const parts = [intro, `${title}\n${'='.repeat(Math.min(title.length, 72))}\n\n${text}`];
  if (settings.publicUrl !== undefined) {
    const url = `${settings.publicUrl}${path.map(encodeURIComponent).join('/')}`;
    parts.push(t('mail.link', { url }));
  }
  parts.push(`-- \n${t('mail.footer', { organisation })}`);
  return `${parts.join('\n\n')}\n`;
}

function textKey(platformId: string, version: number): string {
  return `${platformId}:${version}`;
}

/** A version's text as the state has it: the current version's, or the amendment adopted as it. */
function textFromState(state: GovernanceState, platformId: string, version: number): string | undefined {
  const platform: PlatformRecord | undefined = state.bulletin.platforms.get(platformId);
  if (platform === undefined) return undefined;
  if (platform.version === version) return platform.text;
  if (version < 2) return undefined;
  for (const a of state.bulletin.amendments.values()) {
    if (a.platformId === platformId && a.adoptedOn !== null && a.baseVersion === version - 1) return a.text;
  }
  return undefined;
}

function organisationName(state: GovernanceState): string {
  return rootUnitOf(state)?.name ?? 'Plenum';
}
