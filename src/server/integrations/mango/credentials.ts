/**
 * A Mango Office VPBX key pair (docs/telephony-mango.md §3): `apiKey` (`vpbx_api_key`, the VPBX's
 * unique code) travels in every request and every event; `salt` (the "signature key") only keys the
 * `sign` hash and is never sent, logged or put into an error.
 */
export type TMangoCredentials = { apiKey: string; salt: string };
