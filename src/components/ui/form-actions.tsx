import { Button, type TButtonProps } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";

/**
 * A settings form's last rows (in a two-column grid they span both): its submit button, a cancel
 * button while editing, a «saved» note after a save, and the form-level error.
 */
export function FormActions({
  submitLabel,
  isPending,
  submitTestId,
  variant,
  size,
  onCancel,
  cancelLabel,
  savedLabel,
  error,
}: {
  submitLabel: string;
  isPending: boolean;
  submitTestId?: string;
  variant?: TButtonProps["variant"];
  size?: TButtonProps["size"];
  onCancel?: () => void;
  cancelLabel?: string;
  /** Shown when set: the last save succeeded. */
  savedLabel?: string | null;
  error: string | null;
}) {
  return (
    <>
      <div className="flex items-center gap-3 md:col-span-2">
        <Button
          type="submit"
          variant={variant}
          size={size}
          disabled={isPending}
          data-testid={submitTestId}
        >
          {submitLabel}
        </Button>
        {onCancel ? (
          <Button variant="ghost" onClick={onCancel}>
            {cancelLabel}
          </Button>
        ) : null}
        {savedLabel ? (
          <span role="status" className="text-sm text-green-700">
            {savedLabel}
          </span>
        ) : null}
      </div>
      <div className="md:col-span-2">
        <FormError message={error} />
      </div>
    </>
  );
}
