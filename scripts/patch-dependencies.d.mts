// Types of scripts/patch-dependencies.mjs for the TypeScript that imports it (its test).
export declare const TRPC_SPREAD_ORIGINAL: string;
export declare const TRPC_SPREAD_PATCHED: string;
export declare function applyPatches(root: string): string[];
