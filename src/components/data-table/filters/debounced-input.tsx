"use client";

import { useEffect, useRef, useState, type InputHTMLAttributes } from "react";

export type TDebouncedInputProps = Omit<
  InputHTMLAttributes<HTMLInputElement>,
  "value" | "onChange"
> & {
  /** The committed value (from the URL). */
  value: string;
  /** Called once typing pauses for `delayMs`. */
  onCommit: (value: string) => void;
  delayMs?: number;
  /**
   * What a typed text comes back as in `value` once committed (trimmed, a list re-joined); without
   * it, the text itself. Then the draft is kept while it still means the committed value.
   */
  normalize?: (value: string) => string;
};

/**
 * A text input that keeps what is typed locally and commits it after a pause, so a search does
 * not refetch per keystroke. A `value` changed from outside (reset, back button) replaces the draft.
 */
export function DebouncedInput({
  value,
  onCommit,
  delayMs = 400,
  normalize,
  ...inputProps
}: TDebouncedInputProps) {
  const [draft, setDraft] = useState(value);
  const [lastCommitted, setLastCommitted] = useState(value);
  const timerRef = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => () => clearTimeout(timerRef.current), []);

  // The URL caught up with our own commit: keep typing undisturbed; anything else came from outside.
  if (value !== lastCommitted) {
    setLastCommitted(value);
    setDraft(value);
  }

  const change = (next: string) => {
    setDraft(next);
    clearTimeout(timerRef.current);
    timerRef.current = setTimeout(() => {
      setLastCommitted(normalize ? normalize(next) : next);
      onCommit(next);
    }, delayMs);
  };

  return <input {...inputProps} value={draft} onChange={(event) => change(event.target.value)} />;
}
