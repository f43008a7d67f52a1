/** Types of scripts/build.mjs for the tests. */
export const ROOT: string;
export const DIST: string;
export const ENTRIES: Record<string, string>;
export function freshness(root?: string): string;
export function buildDist(options?: { quiet?: boolean }): Promise<void>;
export function ensureDist(options?: { force?: boolean }): Promise<void>;
