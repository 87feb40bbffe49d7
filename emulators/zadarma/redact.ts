// Secrets never reach a log or the control API: the signature half of `Authorization: key:signature`,
// the `Signature` header, and the token in our receiver's notification URL
// (`/api/webhooks/zadarma/{token}`).

export const redactAuthorization = (authorization: string | undefined): string | null => {
  if (authorization === undefined) return null;
  const colon = authorization.indexOf(":");
  return colon === -1 ? "***" : `${authorization.slice(0, colon)}:***`;
};

export const redactUrl = (url: string): string =>
  url.replace(/(\/api\/webhooks\/zadarma\/)[^/?#]+/gi, "$1***");
