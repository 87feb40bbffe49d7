/** A form-level error; `role="status"` rather than alert, because Next already owns an empty alert region. */
export const FormError = ({ message }: { message: string | null | undefined }) =>
  message ? (
    <p
      role="status"
      className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-700"
    >
      {message}
    </p>
  ) : null;
