/** `?raw` imports give a file's text: Vite (Vitest) natively, Turbopack by the rule in next.config.mjs. */
declare module "*?raw" {
  const text: string;
  export default text;
}
