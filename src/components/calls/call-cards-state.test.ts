import { describe, expect, it } from "vitest";

import type { TCallCard } from "@/server/domain/calls/call-card";

import {
  applyCallCard,
  closeDueCallCards,
  dismissCallCard,
  EMPTY_CALL_CARDS,
  ENDED_CARD_LINGER_MS,
  nextClosingAt,
} from "./call-cards-state";

const cardOf = (callId: string, state: TCallCard["state"]): TCallCard => ({
  callId,
  state,
  direction: "incoming",
  phone: "+79031234567",
  companyNumber: null,
  startedAt: "2026-03-01T12:00:00.000Z",
  answeredAt: null,
  endedAt: null,
  disposition: null,
  extension: "101",
  memberName: null,
  client: null,
  isReturning: false,
  nextVisit: null,
  lastVisit: null,
  lastLead: null,
  lastCall: null,
});
const idsOf = (state: typeof EMPTY_CALL_CARDS) =>
  state.open.map((open) => `${open.card.callId}:${open.card.state}`);

describe("the cards on screen", () => {
  it("open on ringing, update on answer, close a while after the end", () => {
    let state = applyCallCard(EMPTY_CALL_CARDS, cardOf("a", "ringing"), { now: 0 });
    state = applyCallCard(state, cardOf("a", "answered"), { now: 1_000 });
    expect(idsOf(state)).toEqual(["a:answered"]);
    state = applyCallCard(state, cardOf("a", "ended"), { now: 2_000 });
    expect(idsOf(state)).toEqual(["a:ended"]);
    expect(nextClosingAt(state)).toBe(2_000 + ENDED_CARD_LINGER_MS);
    expect(closeDueCallCards(state, 2_000 + ENDED_CARD_LINGER_MS - 1)).toBe(state);
    expect(idsOf(closeDueCallCards(state, 2_000 + ENDED_CARD_LINGER_MS))).toEqual([]);
  });

  it("never move a call backwards when an update comes late, nor reopen it", () => {
    let state = applyCallCard(EMPTY_CALL_CARDS, cardOf("a", "answered"), { now: 0 });
    state = applyCallCard(state, cardOf("a", "ringing"), { now: 1 });
    expect(idsOf(state)).toEqual(["a:answered"]);
    expect(idsOf(applyCallCard(EMPTY_CALL_CARDS, cardOf("b", "ended"), { now: 0 }))).toEqual([]);
  });

  it("close at once a call that ended while the page was away", () => {
    const state = applyCallCard(EMPTY_CALL_CARDS, cardOf("a", "ringing"), {
      now: 0,
      isReplay: true,
    });
    expect(idsOf(state)).toEqual(["a:ringing"]);
    expect(idsOf(applyCallCard(state, cardOf("a", "ended"), { now: 1, isReplay: true }))).toEqual(
      [],
    );
  });

  it("stay closed once dismissed, and show at most three calls", () => {
    let state = applyCallCard(EMPTY_CALL_CARDS, cardOf("a", "ringing"), { now: 0 });
    state = dismissCallCard(state, "a");
    expect(idsOf(applyCallCard(state, cardOf("a", "answered"), { now: 1 }))).toEqual([]);
    for (const id of ["b", "c", "d", "e"])
      state = applyCallCard(state, cardOf(id, "ringing"), { now: 2 });
    expect(idsOf(state)).toEqual(["c:ringing", "d:ringing", "e:ringing"]);
  });
});
