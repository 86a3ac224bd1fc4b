import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [".next/**", "node_modules/**", "generated/**", "public/sdk/**", "public/vendor/**", "data/**", "test-results/**", "playwright-report/**", "bench/out/**", "next-env.d.ts"],
  },
];

export default config;
