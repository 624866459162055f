import type { ReactNode } from "react";
import { AppNav } from "@/components/app-nav";
import { OpenAlertsTitle } from "@/components/alerts/open-alerts-title";
import { KeyboardShortcuts } from "@/components/keyboard-shortcuts";
import { PullToRefresh } from "@/components/ui/pull-to-refresh";
import { DesktopNotifications } from "@/components/alerts/desktop-notifications";
import { CommandBarLoader } from "@/components/command-bar/command-bar-loader";
import { ConnectionIndicator } from "@/components/live/connection-indicator";
import { LiveProvider } from "@/components/live/live-provider";
import { OfflineSnapshotBanner } from "@/components/pwa/offline-snapshot-banner";
import { ToastProvider } from "@/components/toasts";
import { secondaryButton } from "@/components/ui/styles";
import { requireSession } from "@/lib/auth/session";

/** Every dashboard page: signed-in only, one live socket shared across page changes. */
export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const session = await requireSession();
  return (
    <ToastProvider>
      <LiveProvider canWrite={session.canWrite} userName={session.name}>
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:rounded focus:bg-white focus:p-2 dark:focus:bg-slate-900"
        >
          Skip to content
        </a>
        <header className="safe-top sticky top-0 z-40 border-b border-slate-200 bg-white/95 backdrop-blur dark:border-slate-800 dark:bg-slate-950/95">
          <div className="safe-x mx-auto flex max-w-7xl flex-wrap items-center gap-x-4 gap-y-1 py-2">
            <span className="flex items-center gap-2 font-semibold tracking-tight">
              <svg aria-hidden="true" viewBox="0 0 24 24" className="size-5 text-sky-700 dark:text-sky-400" fill="none" stroke="currentColor" strokeWidth="2">
                <circle cx="12" cy="12" r="9" />
                <path d="M12 12l5-3M12 3v2M21 12h-2M12 21v-2M3 12h2" />
              </svg>
              Cockpit
            </span>
            <div className="order-3 w-full sm:order-none sm:w-auto sm:flex-1">
              <AppNav />
            </div>
            <div className="ml-auto flex items-center gap-3">
              <OpenAlertsTitle />
              <DesktopNotifications />
              <ConnectionIndicator />
              <span className="hidden text-sm text-slate-600 md:inline dark:text-slate-400" data-testid="signed-in-as">
                {session.name} · {session.role}
              </span>
              <form action="/api/auth/sign-out" method="post">
                <button type="submit" data-testid="sign-out" className={secondaryButton}>
                  Sign out
                </button>
              </form>
            </div>
          </div>
        </header>
        <KeyboardShortcuts />
        <PullToRefresh />
        <main id="main" className="safe-x safe-bottom mx-auto max-w-7xl pt-4 sm:pt-6">
          <OfflineSnapshotBanner />
          {children}
        </main>
        <CommandBarLoader />
      </LiveProvider>
    </ToastProvider>
  );
}
