// One-line console output, silent unless the server was started with `log: true` (tests stay quiet).

export type Logger = {
  info(line: string): void;
  error(line: string, error?: unknown): void;
};

const PREFIX = "[zadarma-emulator]";

export const createLogger = (enabled: boolean): Logger => ({
  info: (line) => {
    if (enabled) console.log(`${PREFIX} ${line}`);
  },
  // Errors are always printed: they mean the emulator itself misbehaved.
  error: (line, error) => {
    console.error(`${PREFIX} ${line}`, ...(error === undefined ? [] : [error]));
  },
});
