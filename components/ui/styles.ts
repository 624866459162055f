/** Shared class strings: 44 px tall targets on phones, 36 px from sm up; a focus ring that shows on every control. */
export const focusRing = "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600 dark:focus-visible:outline-sky-400";

export const buttonBase = `inline-flex min-h-11 items-center justify-center gap-2 rounded-md px-3 text-sm font-medium sm:min-h-9 disabled:cursor-not-allowed disabled:opacity-60 ${focusRing}`;

export const primaryButton = `${buttonBase} bg-sky-700 text-white hover:bg-sky-800 dark:bg-sky-700 dark:hover:bg-sky-600`;

export const secondaryButton = `${buttonBase} border border-slate-300 bg-white text-slate-900 hover:bg-slate-50 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100 dark:hover:bg-slate-800`;

export const inputBase = `block min-h-11 w-full rounded-md border border-slate-300 bg-white px-3 text-sm text-slate-900 placeholder:text-slate-500 sm:min-h-9 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100 dark:placeholder:text-slate-400 ${focusRing}`;

export const labelBase = "mb-1 block text-xs font-medium text-slate-700 dark:text-slate-300";

export const card = "rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900";

export const link = `rounded-sm text-sky-800 underline-offset-2 hover:underline dark:text-sky-300 ${focusRing}`;
