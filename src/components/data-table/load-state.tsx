"use client";

import { FormError } from "@/components/ui/form-error";
import { cn } from "@/lib/cn";
import { useErrorText } from "@/lib/use-error-text";

/** What stands in for a query's data until it arrives: its error in words, or a loading line. */
export function LoadState({
  error,
  loadingText,
  className,
}: {
  error: unknown;
  loadingText: string;
  className?: string;
}) {
  const { formError } = useErrorText();
  return error ? (
    <FormError message={formError(error)} />
  ) : (
    <p className={cn("text-sm text-slate-500", className)}>{loadingText}</p>
  );
}
