import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";
import prettierConfig from "eslint-config-prettier/flat";

/** Domain code stays transport-free (conventions C2); the rule makes the boundary checkable. */
const domainBoundary = {
  files: ["src/server/domain/**/*.ts"],
  rules: {
    "no-restricted-imports": [
      "error",
      {
        patterns: [
          {
            group: ["next", "next/*", "next-auth", "next-auth/*", "next-intl", "next-intl/*"],
            message: "Domain code must not depend on Next.js.",
          },
          { group: ["@trpc/*"], message: "Domain code must not depend on tRPC." },
          {
            group: ["inngest", "inngest/*", "@inngest/*"],
            message: "Domain code must not depend on Inngest.",
          },
          {
            group: ["@/server/api/*", "@/app/*", "@/inngest/*"],
            message: "Domain code must not import transport layers.",
          },
        ],
      },
    ],
  },
};

/**
 * The site tracker's sources are two halves of one classic ES2017 script (src/tracker/tracker-script.ts):
 * parse them as such, let the core's top-level functions (used by the other half) be, and allow the
 * unused catch bindings that ES2017 still requires.
 */
const trackerScript = {
  files: ["src/tracker/*.js"],
  languageOptions: {
    ecmaVersion: 2017,
    sourceType: "script",
    parserOptions: { sourceType: "script" },
  },
  rules: {
    "@typescript-eslint/no-unused-vars": ["error", { vars: "local", caughtErrors: "none" }],
  },
};

const config = [
  {
    ignores: [
      "node_modules/**",
      ".next/**",
      ".data/**",
      "generated/**",
      "test-results/**",
      "playwright-report/**",
      "next-env.d.ts",
    ],
  },
  ...nextCoreWebVitals,
  ...nextTypescript,
  domainBoundary,
  {
    rules: {
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
    },
  },
  trackerScript,
  // Last, so that layout is Prettier's alone (`npm run format`).
  prettierConfig,
];

export default config;
