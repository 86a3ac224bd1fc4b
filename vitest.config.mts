import { defineConfig } from "vitest/config";
import path from "node:path";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname, ".") } },
  test: {
    // tests/adversarial: bounded here; ADVERSARIAL_FULL=1 (npm run test:adversarial) for the long form.
    include: ["tests/unit/**/*.test.ts", "tests/integration/**/*.test.ts", "tests/adversarial/**/*.test.ts"],
    environment: "node",
    // Integration suites share one database per run: keep files sequential.
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    setupFiles: ["tests/setup/server-only.ts"],
    globalSetup: ["tests/setup/database.ts"],
  },
});
