// One-line console output, silent unless the server was started with `log: true` (tests stay quiet).

export type Logger = {
  info(line: string): void;
  error(line: string, error?: unknown): void;
};

/** `prefix` names the emulator (the Mango emulator shares this logger). */
export const createLogger = (enabled: boolean, prefix = "[zadarma-emulator]"): Logger => ({
  info: (line) => {
    if (enabled) console.log(`${prefix} ${line}`);
  },
  // Errors are always printed: they mean the emulator itself misbehaved.
  error: (line, error) => {
    console.error(`${prefix} ${line}`, ...(error === undefined ? [] : [error]));
  },
});
