"use client";
import { useRef, type ReactNode } from "react";
import { buttonBase, secondaryButton } from "./styles";

const dangerButton = `${buttonBase} bg-red-700 text-white hover:bg-red-800 dark:bg-red-700 dark:hover:bg-red-600`;

type Props = {
  /** The button that opens the question. */
  children: ReactNode;
  className: string;
  disabled?: boolean;
  testId: string;
  title: string;
  /** What happens and why it cannot be undone. */
  body: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
};

/** A destructive action that cannot be undone asks first, in a modal dialog; Escape or "Keep" leaves things as they are. */
export function ConfirmButton({ children, className, disabled, testId, title, body, confirmLabel, onConfirm }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = `${testId}-title`;
  return (
    <>
      <button type="button" disabled={disabled} onClick={() => dialog.current?.showModal()} className={className} data-testid={testId}>
        {children}
      </button>
      <dialog
        ref={dialog}
        aria-labelledby={titleId}
        data-testid={`${testId}-dialog`}
        className="m-auto max-w-sm rounded-lg border border-slate-200 bg-white p-4 text-slate-900 backdrop:bg-slate-950/40 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
      >
        <h2 id={titleId} className="mb-2 text-base font-semibold">
          {title}
        </h2>
        <div className="text-sm text-slate-700 dark:text-slate-300">{body}</div>
        <form method="dialog" className="mt-4 flex justify-end gap-2">
          <button type="submit" className={secondaryButton} autoFocus>
            Keep
          </button>
          <button type="submit" className={dangerButton} onClick={onConfirm} data-testid={`${testId}-confirm`}>
            {confirmLabel}
          </button>
        </form>
      </dialog>
    </>
  );
}
