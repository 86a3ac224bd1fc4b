#!/usr/bin/env bash
# Creates a migration for BOTH databases from the change to prisma/schema.prisma
# (`prisma migrate dev` does not work with driver adapters in Prisma 6.19).
# Usage: scripts/new-migration.sh <name>   (PG_URL: a reachable PostgreSQL for the shadow database)
set -euo pipefail
name="${1:?usage: scripts/new-migration.sh <name>}"
ts="$(date -u +%Y%m%d%H%M%S)_${name}"
PG_URL="${PG_URL:-postgresql://postgres@127.0.0.1:5432/test}"
node scripts/gen-pg-schema.mjs

gen() { # <DATABASE_URL> <migrations dir> <schema>
  local tmp; tmp="$(mktemp)"
  # Write to a temp file first: an empty new migration folder makes --from-migrations fail (P3015).
  if [ -d "$2" ]; then
    DATABASE_URL="$1" npx prisma migrate diff --from-migrations "$2" --to-schema-datamodel "$3" --script -o "$tmp"
  else
    DATABASE_URL="$1" npx prisma migrate diff --from-empty --to-schema-datamodel "$3" --script -o "$tmp"
  fi
  if grep -q 'This is an empty migration' "$tmp"; then echo "no changes for $2"; rm -f "$tmp"; return; fi
  mkdir -p "$2/$ts" && mv "$tmp" "$2/$ts/migration.sql" && echo "created $2/$ts/migration.sql"
}
gen "file:./data/new-migration-shadow.db" prisma/migrations prisma/schema.prisma
gen "$PG_URL" prisma/postgres/migrations prisma/postgres/schema.prisma
