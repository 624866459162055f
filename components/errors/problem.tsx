import type { ReactNode } from "react";
import { card } from "../ui/styles";

/** The branded "something is not here / went wrong" panel shared by the not-found and error pages. */
export function Problem({ code, title, children, actions, testId }: { code: string; title: string; children: ReactNode; actions: ReactNode; testId: string }) {
  return (
    <section role="alert" aria-labelledby="problem-title" data-testid={testId} className={`${card} mx-auto mt-6 max-w-xl p-6 text-center sm:mt-12`}>
      <p className="font-mono text-xs tracking-widest text-slate-600 uppercase dark:text-slate-400">{code}</p>
      <h1 id="problem-title" className="mt-1 text-xl font-semibold tracking-tight">
        {title}
      </h1>
      <div className="mx-auto mt-2 max-w-prose text-sm text-slate-700 dark:text-slate-300">{children}</div>
      <div className="mt-5 flex flex-wrap justify-center gap-2">{actions}</div>
    </section>
  );
}
