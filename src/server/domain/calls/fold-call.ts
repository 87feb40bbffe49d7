import type { TCallDisposition, TCallEvent, TCallEventKind } from "@/server/domain/calls/call-event";

/**
 * A call's events folded into the derived columns of its `Call` row (docs/telephony-calls.md,
 * "Folding events into a call"). The fold is pure and depends only on the *set* of events: it
 * drops repeated keys, sorts by a total order and reduces with min/max, so any order or repetition
 * of the same events gives the same call (reliability R6–R8).
 */

export type TCallState = "ringing" | "answered" | "ended";
export type TRecordingState = "none" | "pending" | "ready" | "unavailable";

export type TFoldedCall = {
  direction: "incoming" | "outgoing";
  state: TCallState;
  clientPhone: string | null;
  companyNumber: string | null;
  extension: string | null;
  membershipId: string | null;
  startedAt: Date;
  answeredAt: Date | null;
  endedAt: Date | null;
  waitSeconds: number | null;
  talkSeconds: number | null;
  disposition: TCallDisposition | null;
  rawDisposition: string | null;
  recordingState: TRecordingState;
  recordingRef: string | null;
  /** When the provider said the recording was saved (the first `recording_ready`), if it did. */
  recordingAnnouncedAt: Date | null;
  /** While `pending` because of the events: when to first ask for the recording. */
  recordingDueAt: Date | null;
};

export type TFoldContext = {
  /** Extension → membership id, from the connection's extension mapping. */
  extensionMembers: ReadonlyMap<string, string>;
  /** The row's current recording state: `ready` and `unavailable` are the fetcher's and survive a refold. */
  recordingState?: TRecordingState;
};

/** The provider needs time to save the file (telephony-providers §2.5): ask this long after the end. */
export const RECORDING_DELAY_MS = 40_000;

const KIND_RANK: Record<TCallEventKind, number> = {
  started: 0, out_started: 1, ivr: 2, ringing: 3, answered: 4, ended: 5, summary: 6, recording_ready: 7,
};
const STATE_RANK: Record<TCallState, number> = { ringing: 0, answered: 1, ended: 2 };

/** The later of two states: a call's state only moves forward. */
export const laterCallState = (a: TCallState, b: TCallState): TCallState => (STATE_RANK[a] >= STATE_RANK[b] ? a : b);

/** Every field of an event in a fixed order, so two different events under one key still compare. */
const contentOf = (event: TCallEvent): string =>
  JSON.stringify([
    event.rawType, event.direction, event.callStartedAt?.getTime() ?? null, event.clientPhone, event.companyNumber, event.extension,
    event.durationSeconds, event.disposition, event.rawDisposition, event.recordingRef, event.isRecorded,
    Object.entries(event.payload).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  ]);

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The total order the fold reads events in: kind, time, key, then content. */
export const compareCallEvents = (a: TCallEvent, b: TCallEvent): number =>
  KIND_RANK[a.kind] - KIND_RANK[b.kind] || a.at.getTime() - b.at.getTime() || compareText(a.eventKey, b.eventKey) || compareText(contentOf(a), contentOf(b));

/** One event per key (the first in the total order), sorted. */
export function uniqueSortedEvents(events: readonly TCallEvent[]): TCallEvent[] {
  const byKey = new Map<string, TCallEvent>();
  for (const event of events) {
    const kept = byKey.get(event.eventKey);
    if (!kept || compareCallEvents(event, kept) < 0) byKey.set(event.eventKey, event);
  }
  return [...byKey.values()].sort(compareCallEvents);
}

/** The latest event by time, ties broken by the larger of the given text (extension, key); undefined for none. */
function latestBy(events: readonly TCallEvent[], tieBreak: (event: TCallEvent) => string): TCallEvent | undefined {
  let latest: TCallEvent | undefined;
  for (const event of events) {
    if (!latest || (event.at.getTime() - latest.at.getTime() || compareText(tieBreak(event), tieBreak(latest))) > 0) latest = event;
  }
  return latest;
}

const minTime = (times: readonly Date[]): Date | null =>
  times.length === 0 ? null : new Date(Math.min(...times.map((time) => time.getTime())));
const maxDate = (a: Date, b: Date): Date => (a.getTime() >= b.getTime() ? a : b);
const addSeconds = (time: Date, seconds: number) => new Date(time.getTime() + seconds * 1000);
const secondsBetween = (from: Date, to: Date) => Math.max(0, Math.round((to.getTime() - from.getTime()) / 1000));
const firstValue = <T>(events: readonly TCallEvent[], pick: (event: TCallEvent) => T | null): T | null => {
  for (const event of events) {
    const value = pick(event);
    if (value !== null) return value;
  }
  return null;
};

type TTimes = Pick<TFoldedCall, "startedAt" | "answeredAt" | "endedAt" | "waitSeconds" | "talkSeconds">;
type TFinal = { endAt: Date | null; durationSeconds: number | null; disposition: TCallDisposition | null };

const latestOf = (times: readonly (Date | null)[]): Date | null =>
  times.reduce<Date | null>((latest, time) => (time && (!latest || time > latest) ? time : latest), null);

/**
 * Start, answer and end. The provider's duration is the talk time of an answered call and the
 * ringing time of one that was not; an END's time is when it reached us, close to the real end,
 * while a statistics row has no end time at all (docs/telephony-calls.md, "Times"). Clock skew
 * between the provider and us is clamped so that start ≤ answer ≤ end.
 */
function foldTimes(events: readonly TCallEvent[], final: TFinal | null): TTimes {
  const startedAt = minTime(events.flatMap((event) => (event.callStartedAt ? [event.callStartedAt] : []))) ?? minTime(events.map((event) => event.at)) ?? new Date(0);
  const answerAt = minTime(events.filter((event) => event.kind === "answered").map((event) => event.at));
  const duration = final?.durationSeconds ?? null;
  let answeredAt: Date | null = null;
  let endedAt: Date | null = null;
  if (answerAt) {
    answeredAt = maxDate(answerAt, startedAt);
    endedAt = final ? (duration !== null ? addSeconds(answeredAt, duration) : final.endAt) : null;
  } else if (final) {
    endedAt = latestOf([duration !== null ? addSeconds(startedAt, duration) : null, final.endAt]);
    if (endedAt && final.disposition === "answered" && duration !== null) answeredAt = addSeconds(endedAt, -duration);
  }
  if (endedAt) endedAt = maxDate(endedAt, answeredAt ?? startedAt);
  const waitSeconds = answeredAt ? secondsBetween(startedAt, answeredAt) : endedAt ? secondsBetween(startedAt, endedAt) : null;
  const talkSeconds = answeredAt ? (endedAt ? secondsBetween(answeredAt, endedAt) : null) : endedAt ? 0 : null;
  return { startedAt, answeredAt, endedAt, waitSeconds, talkSeconds };
}

/** The extension of the call: the last to answer, else the last rung, else the first any event names. */
function foldExtension(events: readonly TCallEvent[]): string | null {
  const withExtension = events.filter((event) => event.extension !== null);
  const byExtension = (event: TCallEvent) => event.extension ?? "";
  return (
    latestBy(withExtension.filter((event) => event.kind === "answered"), byExtension)?.extension ??
    latestBy(withExtension.filter((event) => event.kind === "ringing"), byExtension)?.extension ??
    firstValue(withExtension, (event) => event.extension)
  );
}

type TRecording = Pick<TFoldedCall, "recordingState" | "recordingRef" | "recordingAnnouncedAt" | "recordingDueAt">;

/**
 * The events say a recording exists (`pending`) or nothing (`none`); `ready` and `unavailable` are
 * what the fetcher found, kept as they are (recordings.ts).
 */
function foldRecording(events: readonly TCallEvent[], finals: readonly TCallEvent[], endedAt: Date | null, current: TRecordingState): TRecording {
  const announcements = events.filter((event) => event.kind === "recording_ready");
  const recordingRef = firstValue(announcements, (event) => event.recordingRef) ?? firstValue(finals, (event) => event.recordingRef);
  const recordingAnnouncedAt = minTime(announcements.map((event) => event.at));
  const isRecorded = announcements.length > 0 || recordingRef !== null || finals.some((event) => event.isRecorded);
  if (current === "ready" || current === "unavailable" || !isRecorded) {
    return { recordingState: current, recordingRef, recordingAnnouncedAt, recordingDueAt: null };
  }
  const dueTimes = [...(recordingAnnouncedAt ? [recordingAnnouncedAt] : []), ...(endedAt ? [new Date(endedAt.getTime() + RECORDING_DELAY_MS)] : [])];
  return { recordingState: "pending", recordingRef, recordingAnnouncedAt, recordingDueAt: minTime(dueTimes) };
}

/**
 * Folds the events of one call. Throws on an empty list (a call needs at least one event).
 * The definition of every column is in docs/telephony-calls.md; in short: the state is the
 * furthest any event reached, times are min/max reductions, and where an END and a statistics
 * summary disagree, the END wins field by field.
 */
export function foldCall(events: readonly TCallEvent[], context: TFoldContext): TFoldedCall {
  const sorted = uniqueSortedEvents(events);
  if (sorted.length === 0) throw new Error("foldCall: a call needs at least one event");
  const end = latestBy(sorted.filter((event) => event.kind === "ended"), (event) => event.eventKey);
  const summary = latestBy(sorted.filter((event) => event.kind === "summary"), (event) => event.eventKey);
  const finals = [end, summary].filter((event): event is TCallEvent => event !== undefined);
  const finalField = <T>(pick: (event: TCallEvent) => T | null): T | null => firstValue(finals, pick);
  const disposition = finalField((event) => event.disposition);
  const final = finals.length > 0 ? { endAt: end?.at ?? null, durationSeconds: finalField((event) => event.durationSeconds), disposition } : null;

  const isOver = finals.length > 0 || sorted.some((event) => event.kind === "recording_ready");
  const state: TCallState = isOver ? "ended" : sorted.some((event) => event.kind === "answered") ? "answered" : "ringing";
  const times = foldTimes(sorted, final);
  const extension = foldExtension(sorted);
  // A recording announcement carries only ids: its direction is the adapter's guess, used only when nothing else speaks.
  const directional = sorted.filter((event) => event.kind !== "recording_ready");
  return {
    direction: (directional.length > 0 ? directional : sorted).some((event) => event.direction === "incoming") ? "incoming" : "outgoing",
    state,
    clientPhone: firstValue(sorted, (event) => event.clientPhone),
    companyNumber: firstValue(sorted, (event) => event.companyNumber),
    extension,
    membershipId: extension === null ? null : (context.extensionMembers.get(extension) ?? null),
    ...times,
    disposition,
    rawDisposition: finalField((event) => event.rawDisposition),
    ...foldRecording(sorted, finals, times.endedAt, context.recordingState ?? "none"),
  };
}
