/**
 * The three API credentials of a Klientiks account (klientiks-contract §1): `account_id`, `user_id`
 * and `access_token`, as the tenant copies them from «Настройки → API».
 *
 * Every client method takes the credentials as an argument instead of the client holding them.
 * The client object is long-lived (one per process), whereas a decrypted token should live only as
 * long as the Inngest step that needs it (reliability R11). Passing the object per call keeps the
 * token out of module state, out of closures that outlive the call, and out of anything a step
 * returns; the token is turned into a URL only inside the request that uses it (see `url.ts`).
 * The async iterables returned by list methods hold the credentials until iteration ends.
 */
export type TKlientiksCredentials = {
  /** The 12-hex API account id. Not the numeric `account_id` inside returned objects (§1). */
  accountId: string;
  userId: string;
  /** Secret. Travels in the URL path, so every URL that leaves `http.ts` is redacted (§2, R25). */
  accessToken: string;
};
