// The `zd_echo` handshake: when a notification URL is saved, Zadarma sends `GET <url>?zd_echo=<random>`
// and accepts the URL only if the answer body is exactly that value.

import { randomBytes } from "node:crypto";

const TIMEOUT_MS = 10_000;

export type EchoCheck = {
  confirmed: boolean;
  echo: string;
  status: number | null;
  body: string | null;
  error: string | null;
};

export const checkZdEcho = async (url: string): Promise<EchoCheck> => {
  const echo = randomBytes(8).toString("hex");
  const target = new URL(url);
  target.searchParams.set("zd_echo", echo);
  try {
    const response = await fetch(target, {
      redirect: "manual",
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    const body = await response.text();
    return {
      confirmed: response.ok && body === echo,
      echo,
      status: response.status,
      body: body.slice(0, 200),
      error: null,
    };
  } catch (error) {
    return {
      confirmed: false,
      echo,
      status: null,
      body: null,
      error: error instanceof Error ? error.message : String(error),
    };
  }
};
