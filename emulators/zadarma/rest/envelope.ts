// Zadarma's answer envelope: `{"status":"success", …}` or `{"status":"error","message":"…"}`
// (README "REST"). Handlers throw RestError for the error form.

export type RestBody = { status: "success" | "error"; [field: string]: unknown };

export type RestResult = { httpStatus?: number; body: RestBody };

export class RestError extends Error {
  constructor(
    message: string,
    readonly httpStatus = 400,
  ) {
    super(message);
  }
}

export const success = (fields: Record<string, unknown>): RestResult => ({
  body: { status: "success", ...fields },
});

export const errorBody = (message: string): RestBody => ({ status: "error", message });
