"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useLive } from "../live/live-context";
import { useToast } from "../toasts";
import { secondaryButton } from "../ui/styles";

/** Pause (drain) or resume an agent through REST; the page re-reads itself after. Shown to operators. */
export function PauseButtons({ agentId, paused }: { agentId: string; paused: boolean }) {
  const router = useRouter();
  const toasts = useToast();
  const { canWrite } = useLive();
  const [busy, setBusy] = useState(false);
  const act = async (action: "pause" | "resume") => {
    setBusy(true);
    try {
      const res = await fetch(`/api/cockpit/agents/${encodeURIComponent(agentId)}/${action}`, { method: "POST" });
      if (!res.ok) {
        const body = (await res.json().catch(() => ({}))) as { error?: { message?: string } };
        toasts.show({ tone: "error", title: `Could not ${action} ${agentId}`, body: body.error?.message ?? `HTTP ${res.status}` });
      }
      router.refresh();
    } catch {
      toasts.show({ tone: "error", title: `Could not ${action} ${agentId}`, body: "could not reach the server" });
    } finally {
      setBusy(false);
    }
  };
  if (!canWrite) return null;
  return paused ? (
    <button type="button" className={secondaryButton} disabled={busy} onClick={() => void act("resume")} data-testid="agent-resume">
      Resume
    </button>
  ) : (
    <button
      type="button"
      className={secondaryButton}
      disabled={busy}
      onClick={() => void act("pause")}
      title="Drain: finish running tasks, take nothing new"
      data-testid="agent-pause"
    >
      Pause / drain
    </button>
  );
}
