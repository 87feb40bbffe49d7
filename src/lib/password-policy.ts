/** Shared by the server-side check and the sign-up form's hint. */
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;
