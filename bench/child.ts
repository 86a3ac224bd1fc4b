// Child process of the bench (bench/lib/processes.ts runChild): prepares the fresh database named
// by DATABASE_URL (migrations, a site) and runs the in-process figures against it. One process
// per database, because lib/ reads its configuration once per process.
import { writeFileSync } from "node:fs";
import { migrateDatabase } from "@/lib/runtime/migrate";
import { createSite } from "@/lib/sites/create-site";
import { measureAdversarial, type AdversarialInput } from "./figures/adversarial";
import { measureDeletion, type DeletionInput } from "./figures/deletion";
import { measurePipeline, type PipelineInput } from "./figures/ingest-pipeline";

export type InProcessInput = { pipeline?: Omit<PipelineInput, "siteKey">; deletion?: DeletionInput; adversarial?: Omit<AdversarialInput, "siteKey"> };
export type InProcessResult = {
  pipeline?: Awaited<ReturnType<typeof measurePipeline>>;
  deletion?: Awaited<ReturnType<typeof measureDeletion>>;
  adversarial?: Awaited<ReturnType<typeof measureAdversarial>>;
};

async function main() {
  const resultFile = process.argv[2];
  if (!resultFile) throw new Error("usage: child.ts <result.json>");
  const input = JSON.parse(process.env.BENCH_INPUT ?? "{}") as InProcessInput;
  migrateDatabase(process.env);
  const result: InProcessResult = {};
  if (input.pipeline) {
    const site = await createSite({ name: "Bench pipeline", origins: [new URL(process.env.APP_URL!).origin], by: { id: null, label: "bench" } });
    result.pipeline = await measurePipeline({ ...input.pipeline, siteKey: site.publicKey });
  }
  if (input.deletion) result.deletion = await measureDeletion(input.deletion);
  if (input.adversarial) {
    const site = await createSite({ name: "Bench adversarial", origins: [new URL(process.env.APP_URL!).origin], by: { id: null, label: "bench" } });
    result.adversarial = await measureAdversarial({ ...input.adversarial, siteKey: site.publicKey });
  }
  writeFileSync(resultFile, JSON.stringify(result));
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : err);
    process.exit(1);
  },
);
