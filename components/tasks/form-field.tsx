import type { ReactNode } from "react";
import { labelBase } from "../ui/styles";

/** The server's (or the form's) refusal of one field; announced when it appears. */
export function FieldError({ id, message, testId = id }: { id: string; message?: string | null; testId?: string }) {
  if (!message) return null;
  return (
    <p id={id} data-testid={testId} role="alert" className="mt-1 text-sm text-red-700 dark:text-red-400">
      {message}
    </p>
  );
}

/** Label, control, optional hint and the field's own error, wired for screen readers by the caller's ids. */
export function FormField({
  id,
  label,
  hint,
  error,
  errorTestId,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  error?: string | null;
  errorTestId?: string;
  children: ReactNode;
}) {
  return (
    <div>
      <label htmlFor={id} className={labelBase}>
        {label}
      </label>
      {children}
      {hint && (
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-600 dark:text-slate-400">
          {hint}
        </p>
      )}
      <FieldError id={`${id}-error`} message={error} testId={errorTestId} />
    </div>
  );
}

/** aria props for a control inside FormField: invalid while it has an error, described by the error or the hint. */
export function aria(id: string, error: string | undefined, hasHint = false) {
  return { "aria-invalid": !!error, "aria-describedby": error ? `${id}-error` : hasHint ? `${id}-hint` : undefined };
}
