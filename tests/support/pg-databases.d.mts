// Types of tests/support/pg-databases.mjs for the TypeScript callers.
import type pg from "pg";

export declare function withPgAdmin<T>(adminUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T>;
export declare function createPgDatabases<P extends string>(adminUrl: string, prefix: string, purposes: readonly P[]): Promise<{ urls: Record<P, string>; drop(): Promise<void> }>;
