import type {
  TCallDisposition,
  TCallEvent,
  TCallEventKind,
} from "@/server/domain/calls/call-event";

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

/** The provider needs time to save the file (telephony-zadarma §10): ask this long after the end. */
export const RECORDING_DELAY_MS = 40_000;

const KIND_RANK: Record<TCallEventKind, number> = {
  started: 0,
  out_started: 1,
  ivr: 2,
  ringing: 3,
  answered: 4,
  leg_changed: 5,
  ended: 6,
  summary: 7,
  recording_ready: 8,
};
const STATE_RANK: Record<TCallState, number> = { ringing: 0, answered: 1, ended: 2 };

/** The later of two states: a call's state only moves forward. */
export const laterCallState = (a: TCallState, b: TCallState): TCallState =>
  STATE_RANK[a] >= STATE_RANK[b] ? a : b;

/** Every field of an event in a fixed order, so two different events under one key still compare. */
const contentOf = (event: TCallEvent): string =>
  JSON.stringify([
    event.rawType,
    event.direction,
    event.callStartedAt?.getTime() ?? null,
    event.clientPhone,
    event.companyNumber,
    event.extension,
    event.durationSeconds,
    event.disposition,
    event.rawDisposition,
    event.recordingRef,
    event.isRecorded,
    Object.entries(event.payload).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  ]);

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The total order the fold reads events in: kind, time, key, then content. */
export const compareCallEvents = (a: TCallEvent, b: TCallEvent): number =>
  KIND_RANK[a.kind] - KIND_RANK[b.kind] ||
  a.at.getTime() - b.at.getTime() ||
  compareText(a.eventKey, b.eventKey) ||
  compareText(contentOf(a), contentOf(b));

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
function latestBy(
  events: readonly TCallEvent[],
  tieBreak: (event: TCallEvent) => string,
): TCallEvent | undefined {
  let latest: TCallEvent | undefined;
  for (const event of events) {
    if (
      !latest ||
      (event.at.getTime() - latest.at.getTime() || compareText(tieBreak(event), tieBreak(latest))) >
        0
    )
      latest = event;
  }
  return latest;
}

const minTime = (times: readonly Date[]): Date | null =>
  times.length === 0 ? null : new Date(Math.min(...times.map((time) => time.getTime())));
const maxDate = (a: Date, b: Date): Date => (a.getTime() >= b.getTime() ? a : b);
const addSeconds = (time: Date, seconds: number) => new Date(time.getTime() + seconds * 1000);
const secondsBetween = (from: Date, to: Date) =>
  Math.max(0, Math.round((to.getTime() - from.getTime()) / 1000));
const firstValue = <T>(
  events: readonly TCallEvent[],
  pick: (event: TCallEvent) => T | null,
): T | null => {
  for (const event of events) {
    const value = pick(event);
    if (value !== null) return value;
  }
  return null;
};

type TTimes = Pick<
  TFoldedCall,
  "startedAt" | "answeredAt" | "endedAt" | "waitSeconds" | "talkSeconds"
>;

/** What the call's end reports say: the END (if any) and the principal statistics leg (if any). */
type TEndReports = {
  end: TCallEvent | undefined;
  summary: TCallEvent | undefined;
  isAnswered: boolean;
};

/**
 * Start, answer and end (docs/telephony-calls.md, "Times"). An END's duration runs from the call's
 * start to the hang-up, ringing included; a statistics row's is the talk time. What no event tells
 * stays null rather than guessed: an outgoing call has no answer notification, so its answer time
 * and talk time wait for the statistics. Clock skew is clamped so that start ≤ answer ≤ end.
 */
function foldTimes(
  events: readonly TCallEvent[],
  { end, summary, isAnswered }: TEndReports,
): TTimes {
  const startedAt =
    minTime(events.flatMap((event) => (event.callStartedAt ? [event.callStartedAt] : []))) ??
    minTime(events.map((event) => event.at)) ??
    new Date(0);
  const answerAt = minTime(
    events.filter((event) => event.kind === "answered").map((event) => event.at),
  );
  const talk = isAnswered ? (summary?.durationSeconds ?? null) : 0;
  let endedAt: Date | null = null;
  if (end)
    endedAt = end.durationSeconds !== null ? addSeconds(startedAt, end.durationSeconds) : end.at;
  else if (summary) endedAt = addSeconds(answerAt ?? startedAt, talk ?? 0);
  let answeredAt = answerAt;
  if (!answeredAt && isAnswered && end && endedAt && talk !== null)
    answeredAt = addSeconds(endedAt, -talk);
  if (answeredAt) answeredAt = maxDate(answeredAt, startedAt);
  if (endedAt) endedAt = maxDate(endedAt, startedAt);
  // An answer's time is when its notification reached us, so at most the answer itself: a late or
  // reordered ANSWER must not move the end the provider stated, it is pulled back to that end.
  if (answeredAt && endedAt && answeredAt.getTime() > endedAt.getTime()) answeredAt = endedAt;

  const ringingEndedAt = !isAnswered && end ? endedAt : null;
  const waitSeconds = answeredAt
    ? secondsBetween(startedAt, answeredAt)
    : ringingEndedAt
      ? secondsBetween(startedAt, ringingEndedAt)
      : null;
  const talkSeconds =
    answeredAt && endedAt ? secondsBetween(answeredAt, endedAt) : endedAt ? talk : null;
  return { startedAt, answeredAt, endedAt, waitSeconds, talkSeconds };
}

/**
 * The extension of the call: for an answered call the END's, which names who talked last (after a
 * transfer, the second extension), then the last to answer, else the last rung, else the END's,
 * else the principal statistics leg's, else the first any event names. The END comes first because
 * an ANSWER's time is when it reached us: two answers delivered out of order would otherwise hand
 * a transferred call back to the first extension (reliability R8).
 */
function foldExtension(
  events: readonly TCallEvent[],
  { end, summary, isAnswered }: TEndReports,
): string | null {
  const withExtension = events.filter((event) => event.extension !== null);
  const byExtension = (event: TCallEvent) => event.extension ?? "";
  return (
    (isAnswered ? end?.extension : null) ??
    latestBy(
      withExtension.filter((event) => event.kind === "answered"),
      byExtension,
    )?.extension ??
    latestBy(
      withExtension.filter((event) => event.kind === "ringing"),
      byExtension,
    )?.extension ??
    end?.extension ??
    summary?.extension ??
    firstValue(withExtension, (event) => event.extension)
  );
}

type TRecording = Pick<
  TFoldedCall,
  "recordingState" | "recordingRef" | "recordingAnnouncedAt" | "recordingDueAt"
>;

/**
 * The events say a recording exists (`pending`) or nothing (`none`); `ready` and `unavailable` are
 * what the fetcher found, kept as they are (recordings.ts).
 */
function foldRecording(
  events: readonly TCallEvent[],
  reports: readonly TCallEvent[],
  endedAt: Date | null,
  current: TRecordingState,
): TRecording {
  const announcements = events.filter((event) => event.kind === "recording_ready");
  const recordingRef =
    firstValue(announcements, (event) => event.recordingRef) ??
    firstValue(reports, (event) => event.recordingRef);
  const recordingAnnouncedAt = minTime(announcements.map((event) => event.at));
  const isRecorded =
    announcements.length > 0 || recordingRef !== null || reports.some((event) => event.isRecorded);
  if (current === "ready" || current === "unavailable" || !isRecorded) {
    return { recordingState: current, recordingRef, recordingAnnouncedAt, recordingDueAt: null };
  }
  const dueTimes = [
    ...(recordingAnnouncedAt ? [recordingAnnouncedAt] : []),
    ...(endedAt ? [new Date(endedAt.getTime() + RECORDING_DELAY_MS)] : []),
  ];
  return {
    recordingState: "pending",
    recordingRef,
    recordingAnnouncedAt,
    recordingDueAt: minTime(dueTimes),
  };
}

/**
 * The statistics leg that speaks for the call: an answered one first, then the longest talk, then
 * the larger key (a call has a row per leg: each extension rung, each transfer).
 */
function principalLeg(summaries: readonly TCallEvent[]): TCallEvent | undefined {
  const rank = (event: TCallEvent) =>
    [event.disposition === "answered" ? 1 : 0, event.durationSeconds ?? -1] as const;
  let principal: TCallEvent | undefined;
  for (const event of summaries) {
    const [answered, talk] = rank(event);
    const [principalAnswered, principalTalk] = principal ? rank(principal) : [-1, -1];
    if (
      !principal ||
      (answered - principalAnswered ||
        talk - principalTalk ||
        compareText(event.eventKey, principal.eventKey)) > 0
    )
      principal = event;
  }
  return principal;
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
  const end = latestBy(
    sorted.filter((event) => event.kind === "ended"),
    (event) => event.eventKey,
  );
  const summaries = sorted.filter((event) => event.kind === "summary");
  const summary = principalLeg(summaries);
  // The END first, then the principal leg, then the other legs: the first that tells, tells.
  const reports = [end, summary, ...summaries].filter(
    (event): event is TCallEvent => event !== undefined,
  );
  const reported = <T>(pick: (event: TCallEvent) => T | null): T | null =>
    firstValue(reports, pick);
  const disposition = reported((event) => event.disposition);
  const hasAnswer = sorted.some((event) => event.kind === "answered");
  const endReports: TEndReports = {
    end,
    summary,
    isAnswered: hasAnswer || disposition === "answered",
  };

  const isOver = reports.length > 0 || sorted.some((event) => event.kind === "recording_ready");
  const state: TCallState = isOver ? "ended" : hasAnswer ? "answered" : "ringing";
  const times = foldTimes(sorted, endReports);
  const extension = foldExtension(sorted, endReports);
  // A recording announcement carries only ids: its direction is the adapter's guess, used only when nothing else speaks.
  const directional = sorted.filter((event) => event.kind !== "recording_ready");
  return {
    direction: (directional.length > 0 ? directional : sorted).some(
      (event) => event.direction === "incoming",
    )
      ? "incoming"
      : "outgoing",
    state,
    clientPhone: firstValue(sorted, (event) => event.clientPhone),
    companyNumber: firstValue(sorted, (event) => event.companyNumber),
    extension,
    membershipId: extension === null ? null : (context.extensionMembers.get(extension) ?? null),
    ...times,
    disposition,
    rawDisposition: reported((event) => event.rawDisposition),
    ...foldRecording(sorted, reports, times.endedAt, context.recordingState ?? "none"),
  };
}
