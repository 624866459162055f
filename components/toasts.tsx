"use client";
import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from "react";

export type ToastTone = "info" | "success" | "error" | "critical";
/** `action`: one button on the toast (the swipe's Undo); pressing it closes the toast. */
type Toast = { id: number; tone: ToastTone; title: string; body?: string; href?: string; action?: { label: string; run: () => void } };
type ToastApi = { show: (toast: Omit<Toast, "id">) => void };

const ToastContext = createContext<ToastApi | null>(null);
const TONE: Record<ToastTone, string> = {
  info: "border-slate-300 bg-white text-slate-900 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-50",
  success: "border-emerald-600 bg-white text-slate-900 dark:bg-slate-800 dark:text-slate-50",
  error: "border-red-600 bg-white text-slate-900 dark:bg-slate-800 dark:text-slate-50",
  critical: "border-red-700 bg-red-700 text-white",
};
const LIFETIME_MS = 8_000;

export function useToast(): ToastApi {
  const api = useContext(ToastContext);
  if (!api) throw new Error("useToast needs <ToastProvider>");
  return api;
}

/** Toasts sit in a live region so screen readers hear them; critical and error ones interrupt (role=alert). */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const nextId = useRef(1);
  const dismiss = useCallback((id: number) => setToasts((list) => list.filter((t) => t.id !== id)), []);
  const show = useCallback(
    (toast: Omit<Toast, "id">) => {
      const id = nextId.current++;
      setToasts((list) => [...list.slice(-3), { ...toast, id }]);
      setTimeout(() => dismiss(id), toast.tone === "critical" ? LIFETIME_MS * 2 : LIFETIME_MS);
    },
    [dismiss],
  );
  const api = useMemo(() => ({ show }), [show]);
  return (
    <ToastContext.Provider value={api}>
      {children}
      <div
        aria-live="polite"
        className="pointer-events-none fixed inset-x-2 bottom-2 z-50 flex flex-col items-end gap-2 sm:inset-x-auto sm:right-4 sm:bottom-4 sm:w-96"
      >
        {toasts.map((t) => (
          <div
            key={t.id}
            role={t.tone === "critical" || t.tone === "error" ? "alert" : "status"}
            data-testid="toast"
            data-tone={t.tone}
            className={`pointer-events-auto flex w-full items-start gap-3 rounded-lg border-l-4 p-3 shadow-lg motion-safe:animate-[toast-in_150ms_ease-out] ${TONE[t.tone]}`}
          >
            <div className="min-w-0 flex-1">
              <p className="font-medium">
                {t.href ? (
                  <a className="underline-offset-2 hover:underline" href={t.href}>
                    {t.title}
                  </a>
                ) : (
                  t.title
                )}
              </p>
              {t.body && <p className="mt-0.5 text-sm break-words opacity-90">{t.body}</p>}
            </div>
            {t.action && (
              <button
                type="button"
                onClick={() => {
                  dismiss(t.id);
                  t.action?.run();
                }}
                className="min-h-11 shrink-0 rounded-md px-3 text-sm font-semibold text-sky-800 underline-offset-2 hover:underline dark:text-sky-300"
                data-testid="toast-action"
              >
                {t.action.label}
              </button>
            )}
            <button
              type="button"
              onClick={() => dismiss(t.id)}
              className="-m-2 grid size-11 shrink-0 place-items-center rounded-md text-lg leading-none"
              aria-label="Dismiss notification"
            >
              ×
            </button>
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}
