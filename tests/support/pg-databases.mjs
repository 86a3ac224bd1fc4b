// Fresh PostgreSQL databases for one test or bench run, on the server an admin URL points at, and
// their removal: the one place that creates them (scripts/test.mjs, the adversarial runner, the
// bench). Plain .mjs so that scripts/test.mjs (plain Node) can import it; types in the .d.mts.
import { randomBytes } from "node:crypto";
import pg from "pg";

export async function withPgAdmin(adminUrl, fn) {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

// One database per purpose, named <prefix>_<random>_<purpose>; drop() removes them all.
export async function createPgDatabases(adminUrl, prefix, purposes) {
  const run = randomBytes(4).toString("hex");
  const names = Object.fromEntries(purposes.map((p) => [p, `${prefix}_${run}_${p}`]));
  await withPgAdmin(adminUrl, async (c) => {
    for (const name of Object.values(names)) await c.query(`CREATE DATABASE "${name}"`);
  });
  const urls = Object.fromEntries(
    Object.entries(names).map(([p, name]) => {
      const u = new URL(adminUrl);
      u.pathname = `/${name}`;
      return [p, u.toString()];
    }),
  );
  return {
    urls,
    drop: () =>
      withPgAdmin(adminUrl, async (c) => {
        for (const name of Object.values(names)) await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      }),
  };
}
