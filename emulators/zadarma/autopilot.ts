// Makes the demo feel alive: every interval, one live call on each account that has a notification URL,
// in a realistic mix (answered 60 %, missed 20 %, busy 10 %, outgoing 10 %). Some callers are clients of
// the Klientiks demo salon, read over HTTP from the Klientiks emulator's REST API when
// KLIENTIKS_EMULATOR_URL is set, so the cabinet shows matched client cards; the rest are random mobiles.
// Errors are logged, never thrown from the timer.

import type { Emulator } from "./emulator";
import { randomRussianMobile } from "./phone-numbers";
import { createRandom, type Random } from "./random";
import { runScriptedCall, type ScriptedCall } from "./scenarios";
import type { Account } from "./types";

const AUTOPILOT_SEED = 11;

/** The Klientiks demo salon's API credentials (emulators/klientiks/README.md, DEMO_ACCOUNT). */
const KLIENTIKS_DEMO_SALON = {
  accountId: "5a7c1e9b3d20",
  userId: "b41f0c6e8a72",
  accessToken: "3f9d2c7a1b8e4f60a5c9d0e7b2f41a86",
};
const KNOWN_CALLER_SHARE = 0.6;
const CLIENT_PHONES_TTL_MS = 5 * 60_000;

type ClientPhones = { phones: string[]; fetchedAt: number };

/** The salon's client phones, digits only; [] when the Klientiks emulator is unset or unreachable. */
const fetchClientPhones = async (klientiksUrl: string): Promise<string[]> => {
  const { accountId, userId, accessToken } = KLIENTIKS_DEMO_SALON;
  const url = `${klientiksUrl.replace(/\/+$/, "")}/clientix/Restapi/list/a/${accountId}/u/${userId}/t/${accessToken}/m/Clients/?limit=100`;
  const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
  if (!response.ok) throw new Error(`Klientiks emulator answered ${response.status}`);
  const body = (await response.json()) as { items?: unknown };
  const items = Array.isArray(body.items)
    ? (body.items as Array<{ phone?: unknown; deleted?: unknown }>)
    : [];
  return items
    .filter((item) => item.deleted !== true && typeof item.phone === "string")
    .map((item) => String(item.phone).replace(/\D/g, ""))
    .filter((phone) => phone.length >= 10);
};

/** One scripted live call of the mix. */
export const pickAutopilotCall = (
  account: Account,
  random: Random,
  knownPhones: string[],
): ScriptedCall | null => {
  const online = Array.from(account.extensions.values()).filter((extension) => extension.online);
  if (online.length === 0 || account.numbers.length === 0) return null;
  const caller =
    knownPhones.length > 0 && random.next() < KNOWN_CALLER_SHARE
      ? random.pick(knownPhones)
      : randomRussianMobile(random);
  const ringSeconds = 3 + Math.floor(random.next() * 8);
  const talkSeconds = 15 + Math.floor(random.next() * 75);
  const did = random.pick(account.numbers);
  const roll = random.next();
  const common = {
    caller,
    did,
    ring_seconds: ringSeconds,
    talk_seconds: talkSeconds,
    live: true,
  } as const;
  if (roll < 0.6)
    return {
      ...common,
      scenario: "incoming",
      disposition: "answered",
      answered_by: random.pick(online).number,
    };
  if (roll < 0.8)
    return {
      ...common,
      scenario: "incoming",
      disposition: random.next() < 0.5 ? "no answer" : "cancel",
    };
  if (roll < 0.9) return { ...common, scenario: "incoming", disposition: "busy" };
  return {
    scenario: "outgoing",
    extension: random.pick(online).number,
    destination: caller,
    ring_seconds: ringSeconds,
    talk_seconds: talkSeconds,
    live: true,
  };
};

export const startAutopilot = (emulator: Emulator): { stop(): void } => {
  const random = createRandom(AUTOPILOT_SEED);
  let clientPhones: ClientPhones = { phones: [], fetchedAt: -Infinity };
  let timer: NodeJS.Timeout | null = null;

  const knownPhones = async (): Promise<string[]> => {
    const { klientiksUrl } = emulator;
    if (!klientiksUrl || Date.now() - clientPhones.fetchedAt < CLIENT_PHONES_TTL_MS)
      return clientPhones.phones;
    try {
      clientPhones = { phones: await fetchClientPhones(klientiksUrl), fetchedAt: Date.now() };
    } catch (error) {
      emulator.logger.error("autopilot could not read the Klientiks demo salon's clients", error);
      clientPhones = { phones: clientPhones.phones, fetchedAt: Date.now() };
    }
    return clientPhones.phones;
  };

  const step = async (): Promise<void> => {
    const phones = await knownPhones();
    for (const account of emulator.state.accounts.values()) {
      if (!account.notificationUrl) continue;
      const spec = pickAutopilotCall(account, random, phones);
      if (!spec) continue;
      try {
        const call = runScriptedCall(emulator, account, spec, "autopilot");
        emulator.logger.info(
          `autopilot ${account.id}: ${spec.scenario} ${spec.disposition ?? "answered"} ${call.pbxCallId}`,
        );
      } catch (error) {
        emulator.logger.error(`autopilot step failed on account ${account.id}`, error);
      }
    }
  };

  const restart = (): void => {
    if (timer) clearInterval(timer);
    timer = null;
    if (!emulator.autopilot.enabled || emulator.autopilot.intervalMs <= 0) return;
    timer = setInterval(() => void step(), emulator.autopilot.intervalMs);
    timer.unref();
  };

  emulator.onAutopilotChange = restart;
  restart();
  return {
    stop: () => {
      if (timer) clearInterval(timer);
      timer = null;
    },
  };
};
