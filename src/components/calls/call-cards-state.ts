import type { TCallCard } from "@/server/domain/calls/call-card";

/** How long an ended call's card stays up showing the outcome. */
export const ENDED_CARD_LINGER_MS = 6_000;
/** Cards on screen at once; a further call pushes the oldest out. */
const MAX_OPEN_CARDS = 3;
/** Dismissed calls remembered, so their later updates do not bring the card back. */
const MAX_DISMISSED = 50;

export type TOpenCallCard = { card: TCallCard; closesAt: number | null };
export type TCallCardsState = { open: TOpenCallCard[]; dismissed: string[] };

export const EMPTY_CALL_CARDS: TCallCardsState = { open: [], dismissed: [] };

/**
 * A `call.card` event on the screen's cards: a ringing or answered call opens its card (or updates
 * it in place), an ended one updates its open card and schedules it to close. An ended call that
 * is not on screen (a card dismissed) opens nothing, and one that ended while the page was away
 * (`isReplay`: read back on reconnect) closes at once: its outcome is old news.
 */
export function applyCallCard(
  state: TCallCardsState,
  card: TCallCard,
  { now, isReplay = false }: { now: number; isReplay?: boolean },
): TCallCardsState {
  if (state.dismissed.includes(card.callId)) return state;
  if (card.state === "ended" && isReplay) {
    const open = state.open.filter((open) => open.card.callId !== card.callId);
    return open.length === state.open.length ? state : { ...state, open };
  }
  const closesAt = card.state === "ended" ? now + ENDED_CARD_LINGER_MS : null;
  const index = state.open.findIndex((open) => open.card.callId === card.callId);
  if (index >= 0) {
    const open = [...state.open];
    // An update that arrives late (resumed backlog) never moves a call backwards.
    if (STATE_ORDER[card.state] < STATE_ORDER[open[index]!.card.state]) return state;
    open[index] = { card, closesAt: open[index]!.closesAt ?? closesAt };
    return { ...state, open };
  }
  if (card.state === "ended") return state;
  return { ...state, open: [...state.open, { card, closesAt }].slice(-MAX_OPEN_CARDS) };
}

const STATE_ORDER: Record<TCallCard["state"], number> = { ringing: 0, answered: 1, ended: 2 };

/** The person closed the card: it stays closed for the rest of the call. */
export function dismissCallCard(state: TCallCardsState, callId: string): TCallCardsState {
  return {
    open: state.open.filter((open) => open.card.callId !== callId),
    dismissed: [...state.dismissed.filter((id) => id !== callId), callId].slice(-MAX_DISMISSED),
  };
}

/** Removes the ended calls' cards whose time is up. */
export function closeDueCallCards(state: TCallCardsState, now: number): TCallCardsState {
  const open = state.open.filter((card) => card.closesAt === null || card.closesAt > now);
  return open.length === state.open.length ? state : { ...state, open };
}

/** The earliest time a card is due to close, for the timer. */
export const nextClosingAt = (state: TCallCardsState): number | null =>
  state.open.reduce<number | null>(
    (earliest, card) =>
      card.closesAt !== null && (earliest === null || card.closesAt < earliest)
        ? card.closesAt
        : earliest,
    null,
  );
