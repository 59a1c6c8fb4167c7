/**
 * The HTTP schemas of the commands of @plenum/domain's bulletin part (congress/bulletin.ts): one strict
 * schema per command type, written with ./command-kit.ts.
 */
export const BULLETIN_COMMANDS = [] as const;
