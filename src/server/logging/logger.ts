import { redactValue } from "@/server/logging/redact";

type TLevel = "debug" | "info" | "warn" | "error";
const LEVEL_ORDER: Record<TLevel | "silent", number> = {
  debug: 10,
  info: 20,
  warn: 30,
  error: 40,
  silent: 100,
};

export type TLogger = {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  child(bindings: Record<string, unknown>): TLogger;
};

const minimumLevel = (): number => {
  const configured = process.env.LOG_LEVEL as TLevel | "silent" | undefined;
  return LEVEL_ORDER[configured ?? "info"] ?? LEVEL_ORDER.info;
};

/** One JSON line per event, secrets redacted; child loggers carry request/tenant/delivery ids (C15). */
export function createLogger(bindings: Record<string, unknown> = {}): TLogger {
  const write = (level: TLevel, message: string, fields?: Record<string, unknown>) => {
    if (LEVEL_ORDER[level] < minimumLevel()) return;
    const line = JSON.stringify(
      redactValue({ level, time: new Date().toISOString(), msg: message, ...bindings, ...fields }),
    );
    if (level === "error" || level === "warn") process.stderr.write(`${line}\n`);
    else process.stdout.write(`${line}\n`);
  };
  return {
    debug: (message, fields) => write("debug", message, fields),
    info: (message, fields) => write("info", message, fields),
    warn: (message, fields) => write("warn", message, fields),
    error: (message, fields) => write("error", message, fields),
    child: (more) => createLogger({ ...bindings, ...more }),
  };
}

export const logger = createLogger({ service: "svyaz" });
