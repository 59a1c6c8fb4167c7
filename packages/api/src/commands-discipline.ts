/**
 * The HTTP schemas of the commands of @plenum/domain's discipline part (congress/discipline.ts): one strict
 * schema per command type, written with ./command-kit.ts.
 */
export const CASE_COMMANDS = [] as const;
