/**
 * The HTTP schemas of the commands of @plenum/domain's congress part (congress/congress.ts): one strict
 * schema per command type, written with ./command-kit.ts.
 */
export const CONGRESS_COMMANDS = [] as const;
