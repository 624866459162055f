"use client";
import { useState } from "react";
import { useAdminCall } from "../notify/use-admin-call";
import { Badge } from "../ui/badge";
import { card, inputBase, labelBase, primaryButton, secondaryButton } from "../ui/styles";
import type { SilenceJson } from "@/lib/dashboard/types";
import { Until } from "./until";

const DURATIONS = [
  ["30 min", 30],
  ["1 hour", 60],
  ["2 hours", 120],
  ["4 hours", 240],
  ["8 hours", 480],
  ["1 day", 1440],
  ["1 week", 10080],
] as const;
const FIELDS = [
  ["agentId", "Agent"],
  ["kind", "Kind"],
  ["source", "Source"],
  ["tag", "Tag"],
] as const;

function describe(s: SilenceJson): string {
  return FIELDS.filter(([f]) => s[f] !== null)
    .map(([f, label]) => `${label.toLowerCase()} ${s[f]}`)
    .join(" · ");
}

function SilenceForm() {
  const { busy, call } = useAdminCall();
  const [values, setValues] = useState<Record<string, string>>({});
  const [minutes, setMinutes] = useState(60);
  const [comment, setComment] = useState("");
  const submit = async () => {
    const match = Object.fromEntries(Object.entries(values).filter(([, v]) => v.trim() !== ""));
    if (await call("/api/cockpit/silences", "POST", { ...match, minutes, comment })) {
      setValues({});
      setComment("");
    }
  };
  return (
    <form
      className="grid gap-3 sm:grid-cols-3"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      data-testid="silence-form"
    >
      {FIELDS.map(([f, label]) => (
        <div key={f}>
          <label htmlFor={`silence-${f}`} className={labelBase}>
            {label}
          </label>
          <input id={`silence-${f}`} className={inputBase} value={values[f] ?? ""} onChange={(e) => setValues((v) => ({ ...v, [f]: e.target.value }))} />
        </div>
      ))}
      <div>
        <label htmlFor="silence-minutes" className={labelBase}>
          For
        </label>
        <select id="silence-minutes" className={inputBase} value={minutes} onChange={(e) => setMinutes(Number(e.target.value))}>
          {DURATIONS.map(([label, m]) => (
            <option key={m} value={m}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="silence-comment" className={labelBase}>
          Why
        </label>
        <input id="silence-comment" required className={inputBase} value={comment} onChange={(e) => setComment(e.target.value)} />
      </div>
      <div className="sm:col-span-3">
        <button type="submit" className={primaryButton} disabled={busy}>
          Silence
        </button>
      </div>
    </form>
  );
}

/** Current silences with their end time; operators add one (agent, kind, source or tag, for a while) or end it early. */
export function SilencesPanel({ silences, canWrite }: { silences: SilenceJson[]; canWrite: boolean }) {
  const { busy, call } = useAdminCall();
  return (
    <details className={`${card} mb-4 p-3`} open={silences.length > 0} data-testid="silences">
      <summary className="cursor-pointer text-sm font-medium">
        Silences{silences.length > 0 ? ` (${silences.length})` : ""}: mute a source for a while; its alerts are still recorded
      </summary>
      <ul className="mt-3 space-y-2">
        {silences.map((s) => (
          <li key={s.id} className="flex flex-col gap-2 text-sm sm:flex-row sm:items-center" data-testid={`silence-${s.id}`}>
            <div className="min-w-0 flex-1">
              <Badge tone={s.state === "active" ? "amber" : "slate"}>{s.state}</Badge> <span className="font-medium">{describe(s)}</span>
              {" · until "}
              <Until iso={s.endsAt} testId="silence-ends" />
              <span className="text-slate-700 dark:text-slate-300">
                {" "}
                · “{s.comment}” by {s.createdBy}
              </span>
            </div>
            {canWrite && (
              <button
                type="button"
                className={`${secondaryButton} self-end sm:self-auto`}
                disabled={busy}
                onClick={() => void call(`/api/cockpit/silences/${encodeURIComponent(s.id)}/expire`, "POST")}
                data-testid="silence-expire"
              >
                End now
              </button>
            )}
          </li>
        ))}
      </ul>
      {canWrite && (
        <div className="mt-3">
          <SilenceForm />
        </div>
      )}
    </details>
  );
}
