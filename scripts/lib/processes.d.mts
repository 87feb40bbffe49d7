export type TManagedProcess = { stop: () => Promise<void> };
export function startProcess(
  name: string,
  command: string,
  args: string[],
  options?: {
    env?: Record<string, string>;
    quiet?: boolean;
    onUnexpectedExit?: (name: string, code: number | null, signal: string | null) => void;
  },
): TManagedProcess;
export function run(
  command: string,
  args: string[],
  options?: { env?: Record<string, string> },
): Promise<void>;
export function waitForPort(port: number, host?: string, timeoutMs?: number): Promise<void>;
export function findFreePort(): Promise<number>;
