/**
 * The HTTP schemas of the commands of @plenum/domain's motions part (congress/motions.ts): one strict
 * schema per command type, written with ./command-kit.ts.
 */
export const MOTION_COMMANDS = [] as const;
