import type { TDb } from "@/server/db/client";

/** What domain functions need: the full client or a transaction handle, interchangeably. */
export type TDbClient = Omit<TDb, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;
