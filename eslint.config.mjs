import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTs,
  {
    // Issue 16: a stored value is read by checking its shape, never by a cast. Json columns go
    // through lib/db/json.ts, audit details through lib/audit/details.ts.
    // The recorder runs in the visitor's browser, reads no database, and counts its bytes.
    files: ["lib/**/*.{ts,tsx}", "app/**/*.{ts,tsx}", "scripts/**/*.ts"],
    ignores: ["lib/recorder/**"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector: "TSAsExpression:not([typeAnnotation.type='TSUnknownKeyword']) > CallExpression[callee.object.name='JSON'][callee.property.name='parse']",
          message: "Do not cast JSON.parse(...): read Json columns with lib/db/json.ts and audit details with lib/audit/details.ts, or parse to unknown and check the shape.",
        },
      ],
    },
  },
  {
    ignores: [".next/**", "node_modules/**", "generated/**", "public/sdk/**", "public/vendor/**", "data/**", "test-results/**", "playwright-report/**", "bench/out/**", "next-env.d.ts"],
  },
];

export default config;
