// Which database a DATABASE_URL points at; shared by the app, the scripts and prisma.config.ts.
export type DatabaseKind = "postgres" | "sqlite";

export function databaseKind(url: string): DatabaseKind {
  return /^postgres(ql)?:\/\//.test(url) ? "postgres" : "sqlite";
}
