/**
 * One format for the whole tree (`npm run format`; `npm run lint` checks it). Imports fall into
 * four groups: Node built-ins, packages, this app's `@/` modules, then relative paths.
 * @type {import("prettier").Config}
 */
const config = {
  printWidth: 100,
  plugins: ["@ianvs/prettier-plugin-sort-imports"],
  importOrder: ["<BUILTIN_MODULES>", "", "<THIRD_PARTY_MODULES>", "", "^@/(.*)$", "", "^[.]"],
  importOrderTypeScriptVersion: "5.0.0",
  overrides: [{ files: "*.md", options: { proseWrap: "preserve" } }],
};

export default config;
