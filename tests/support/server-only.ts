// Vitest stands in for the React server environment, where `server-only` is an empty module.
export {};
