import { describe, expect, it } from "vitest";

import {
  parseZadarmaStatisticsRow,
  statisticsRowToEvent,
  type TZadarmaStatisticsRow,
} from "./statistics";

const INCOMING_ROW: TZadarmaStatisticsRow = {
  callId: "1715000000.1234567",
  pbxCallId: "in_5f0c",
  sip: "101",
  callStart: "2024-05-06 10:11:12",
  clid: "79031234501",
  destination: "101",
  disposition: "answered",
  seconds: 95,
  isRecorded: true,
};

const OUTGOING_ROW: TZadarmaStatisticsRow = {
  callId: "1715003605.6543210",
  pbxCallId: "out_8a1c",
  sip: "102",
  callStart: "2024-05-06 11:00:05",
  clid: "74951234567",
  destination: "89031234503",
  disposition: "call failed",
  seconds: 0,
  isRecorded: false,
};

describe("statisticsRowToEvent", () => {
  it("turns an incoming row into a summary: the client is clid, the extension the destination", () => {
    expect(statisticsRowToEvent(INCOMING_ROW, { timeZone: "Europe/Moscow" })).toEqual({
      eventKey: "zadarma:in_5f0c:statistics:1715000000.1234567",
      providerCallId: "in_5f0c",
      kind: "summary",
      rawType: "statistics",
      direction: "incoming",
      at: new Date("2024-05-06T07:11:12.000Z"),
      callStartedAt: new Date("2024-05-06T07:11:12.000Z"),
      clientPhone: "+79031234501",
      companyNumber: null,
      extension: "101",
      durationSeconds: 95,
      disposition: "answered",
      rawDisposition: "answered",
      recordingRef: "1715000000.1234567",
      isRecorded: true,
      payload: {
        call_id: "1715000000.1234567",
        pbx_call_id: "in_5f0c",
        sip: "101",
        callstart: "2024-05-06 10:11:12",
        clid: "79031234501",
        destination: "101",
        disposition: "answered",
        seconds: "95",
        is_recorded: "1",
      },
    });
  });

  it("turns an outgoing row into a summary: the client is the destination, `call failed` is failed", () => {
    expect(statisticsRowToEvent(OUTGOING_ROW, { timeZone: "Europe/Berlin" })).toMatchObject({
      eventKey: "zadarma:out_8a1c:statistics:1715003605.6543210",
      direction: "outgoing",
      callStartedAt: new Date("2024-05-06T09:00:05.000Z"),
      clientPhone: "+79031234503",
      companyNumber: "+74951234567",
      extension: "102",
      disposition: "failed",
      rawDisposition: "call failed",
      recordingRef: null,
      isRecorded: false,
    });
  });

  it("does not take a scenario or a phone for an extension, nor an extension for a company number", () => {
    const forwarded = statisticsRowToEvent(
      { ...INCOMING_ROW, destination: "79990000000" },
      { timeZone: "UTC" },
    );
    expect(forwarded.extension).toBeNull();
    const internalCallerId = statisticsRowToEvent(
      { ...OUTGOING_ROW, clid: "102" },
      { timeZone: "UTC" },
    );
    expect(internalCallerId.companyNumber).toBeNull();
  });

  it("refuses a row whose callstart is unreadable", () => {
    expect(() =>
      statisticsRowToEvent({ ...INCOMING_ROW, callStart: "yesterday" }, { timeZone: "UTC" }),
    ).toThrow(RangeError);
  });
});

describe("parseZadarmaStatisticsRow", () => {
  const raw = {
    call_id: "1715000000.1234567",
    sip: 101,
    callstart: "2024-05-06 10:11:12",
    clid: 79031234501,
    destination: 101,
    disposition: "answered",
    seconds: 95,
    is_recorded: true,
    pbx_call_id: "in_5f0c",
  };

  it("reads numbers as text and the boolean as given", () => {
    expect(parseZadarmaStatisticsRow(raw)).toEqual({ row: INCOMING_ROW });
    expect(parseZadarmaStatisticsRow({ ...raw, is_recorded: "1" })).toEqual({ row: INCOMING_ROW });
    expect(parseZadarmaStatisticsRow({ ...raw, is_recorded: false })).toEqual({
      row: { ...INCOMING_ROW, isRecorded: false },
    });
  });

  it.each([
    ["call_id", { call_id: "" }],
    ["pbx_call_id", { pbx_call_id: null }],
    ["callstart", { callstart: "2024-05-06" }],
    ["disposition", { disposition: "" }],
    ["seconds", { seconds: -1 }],
    ["seconds", { seconds: "x" }],
  ])("names %s when it is unusable", (field, change) => {
    expect(parseZadarmaStatisticsRow({ ...raw, ...change })).toEqual({ field });
  });

  it("names the row when it is not an object", () => {
    expect(parseZadarmaStatisticsRow("row")).toEqual({ field: "row" });
  });
});
