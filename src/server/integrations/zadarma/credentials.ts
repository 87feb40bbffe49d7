/**
 * A Zadarma API key pair (docs/telephony-zadarma.md, "Authentication"). The key names the account
 * and travels in the `Authorization` header; the secret only keys the HMACs of REST requests and of
 * incoming notifications, and is never sent, logged or put into an error.
 */
export type TZadarmaCredentials = { key: string; secret: string };
