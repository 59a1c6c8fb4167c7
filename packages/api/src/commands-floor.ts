/**
 * The HTTP schemas of the commands of @plenum/domain's floor part (congress/floor.ts): one strict
 * schema per command type, written with ./command-kit.ts.
 */
export const FLOOR_COMMANDS = [] as const;
