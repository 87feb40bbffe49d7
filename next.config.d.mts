// Types for importing next.config.mjs from TypeScript (src/next-config.test.ts checks its logging rules).
import type { NextConfig } from "next";

declare const config: NextConfig;
export default config;
