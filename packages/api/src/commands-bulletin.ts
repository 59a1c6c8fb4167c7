import { command, id, name, text } from './command-kit.ts';

/**
 * The HTTP schemas of the commands of @plenum/domain's bulletin part (congress/bulletin.ts): one strict
 * schema per command type, written with ./command-kit.ts. The texts are bounded as the rules bound them
 * (BULLETIN_MAX_TEXT in @plenum/domain).
 */
export const MAX_BULLETIN_TEXT = 60_000;

export const BULLETIN_COMMANDS = [
  command('publishContribution', { documentId: id, title: name, text: text(MAX_BULLETIN_TEXT) }),
  command('draftPlatform', { platformId: id, title: name, text: text(MAX_BULLETIN_TEXT) }),
  command('signPlatform', { platformId: id }),
  /** The platform's whole text as amended. */
  command('proposePlatformAmendment', { platformId: id, amendmentId: id, text: text(MAX_BULLETIN_TEXT) }),
  command('approvePlatformAmendment', { amendmentId: id }),
  command('sendLetter', { letterId: id, toBodyId: id, title: name, text: text(MAX_BULLETIN_TEXT) }),
] as const;
