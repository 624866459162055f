import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { currentSession, safeNextPath } from "@/lib/auth/session";
import { inputBase, labelBase, primaryButton } from "@/components/ui/styles";

export const metadata: Metadata = { title: "Sign in" };

const MESSAGES: Record<string, string> = {
  missing: "Enter your API key.",
  invalid: "That key is not valid. Check it and try again.",
  "agent-key": "Agent keys connect machines, not people. Use a viewer, operator or admin key.",
};

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** A plain form: the key goes in a POST body once and comes back as an httpOnly cookie, nowhere else. */
export default async function SignInPage({ searchParams }: Props) {
  const params = await searchParams;
  const next = safeNextPath(params.next);
  if (await currentSession()) redirect(next);
  const error = typeof params.error === "string" ? MESSAGES[params.error] : undefined;
  const notice = params["signed-out"] ? "You are signed out." : params.expired ? "Your session ended. Sign in again." : undefined;
  return (
    <main className="grid min-h-screen place-items-center px-4 py-10">
      <div className="w-full max-w-sm">
        <h1 className="text-2xl font-semibold tracking-tight">Sign in to Cockpit</h1>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">Use an operator key to create tasks and acknowledge alerts, or a viewer key to watch.</p>
        {notice && !error && (
          <p role="status" className="mt-4 rounded-md bg-slate-100 p-3 text-sm dark:bg-slate-800">
            {notice}
          </p>
        )}
        <form
          action="/api/auth/sign-in"
          method="post"
          className="mt-6 space-y-4 rounded-lg border border-slate-200 bg-white p-5 shadow-sm dark:border-slate-800 dark:bg-slate-900"
        >
          <input type="hidden" name="next" value={next} />
          <div>
            <label htmlFor="key" className={labelBase}>
              API key
            </label>
            <input
              id="key"
              name="key"
              type="password"
              required
              autoComplete="current-password"
              spellCheck={false}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? "key-error" : undefined}
              data-testid="sign-in-key"
              className={inputBase}
            />
            {error && (
              <p id="key-error" role="alert" data-testid="sign-in-error" className="mt-2 text-sm text-red-700 dark:text-red-400">
                {error}
              </p>
            )}
          </div>
          <button type="submit" data-testid="sign-in-submit" className={`${primaryButton} w-full`}>
            Sign in
          </button>
        </form>
        <p className="mt-4 text-xs text-slate-600 dark:text-slate-400">The key is exchanged for a session cookie and is not stored in this browser.</p>
      </div>
    </main>
  );
}
