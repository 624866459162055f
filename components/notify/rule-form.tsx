"use client";
import { useState } from "react";
import { FormField } from "../tasks/form-field";
import { card, inputBase, labelBase, primaryButton, secondaryButton } from "../ui/styles";
import type { ChannelView } from "./notifications-admin";
import { useAdminCall } from "./use-admin-call";

export type RuleView = {
  id: string;
  name: string;
  severities: string[];
  sources: string[];
  agentIds: string[];
  kinds: string[];
  channelIds: string[];
  repeatMinutes: number | null;
  escalateAfterMinutes: number | null;
  escalateChannelIds: string[];
};

const SEVERITIES = ["critical", "warning", "info"];
const list = (text: string) =>
  text
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
/** Empty is "none"; anything else goes to the server as typed, so "abc" or "0" is refused there with the field named. */
const minutes = (text: string) => (text.trim() ? Number(text) : null);

/**
 * A rule: which alerts (empty = any) go to which channels, with optional repeat and escalation. With `rule` it edits
 * that rule (PATCH) and `onDone` closes it; errors are shown beside the field the server names.
 */
export function RuleForm({ channels, rule, onDone }: { channels: ChannelView[]; rule?: RuleView; onDone?: () => void }) {
  const { busy, call, error } = useAdminCall();
  const prefix = rule ? `rule-${rule.id}` : "rule";
  const [name, setName] = useState(rule?.name ?? "");
  const [severities, setSeverities] = useState<string[]>(rule?.severities ?? ["critical"]);
  const [sources, setSources] = useState(rule?.sources.join(", ") ?? "");
  const [agents, setAgents] = useState(rule?.agentIds.join(", ") ?? "");
  const [kinds, setKinds] = useState(rule?.kinds.join(", ") ?? "");
  const [chosen, setChosen] = useState<string[]>(rule?.channelIds ?? []);
  const [repeat, setRepeat] = useState(rule?.repeatMinutes?.toString() ?? "");
  const [escalate, setEscalate] = useState(rule?.escalateAfterMinutes?.toString() ?? "");
  const [escalateTo, setEscalateTo] = useState(rule?.escalateChannelIds[0] ?? "");
  const toggle = (list: string[], v: string) => (list.includes(v) ? list.filter((x) => x !== v) : [...list, v]);
  const errorFor = (...fields: string[]) => (error && error.field && fields.some((f) => error.field === f || error.field!.startsWith(`${f}.`)) ? error.message : null);
  const submit = async () => {
    const body = {
      name,
      severities,
      sources: list(sources),
      agentIds: list(agents),
      kinds: list(kinds),
      channelIds: chosen,
      repeatMinutes: minutes(repeat),
      escalateAfterMinutes: minutes(escalate),
      escalateChannelIds: escalateTo ? [escalateTo] : [],
    };
    const done = await call(rule ? `/api/cockpit/rules/${encodeURIComponent(rule.id)}` : "/api/cockpit/rules", rule ? "PATCH" : "POST", body);
    if (done) onDone?.();
  };
  const shown = new Set(["name", "severities", "sources", "agentIds", "kinds", "channelIds", "repeatMinutes", "escalateAfterMinutes", "escalateChannelIds"]);
  return (
    <form
      className={`${card} space-y-3 p-4`}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      data-testid={rule ? "rule-edit-form" : "rule-form"}
      noValidate
    >
      <h3 className="font-medium">{rule ? `Edit rule ${rule.name}` : "Add a rule"}</h3>
      <div className="grid gap-3 sm:grid-cols-2">
        <FormField errorTestId="rule-field-error" id={`${prefix}-name`} label="Name" error={errorFor("name")}>
          <input id={`${prefix}-name`} required className={inputBase} value={name} onChange={(e) => setName(e.target.value)} aria-invalid={Boolean(errorFor("name"))} />
        </FormField>
        <fieldset>
          <legend className={labelBase}>Severities (none = any)</legend>
          <div className="flex flex-wrap gap-3 text-sm">
            {SEVERITIES.map((s) => (
              <label key={s} className="inline-flex min-h-11 items-center gap-2 sm:min-h-9">
                <input type="checkbox" className="size-5 accent-sky-700" checked={severities.includes(s)} onChange={() => setSeverities((v) => toggle(v, s))} />
                {s}
              </label>
            ))}
          </div>
        </fieldset>
        <FormField errorTestId="rule-field-error" id={`${prefix}-sources`} label="Sources, comma-separated (empty = any)" error={errorFor("sources")}>
          <input id={`${prefix}-sources`} className={inputBase} value={sources} onChange={(e) => setSources(e.target.value)} />
        </FormField>
        <FormField errorTestId="rule-field-error" id={`${prefix}-agents`} label="Agents, comma-separated (empty = any)" error={errorFor("agentIds")}>
          <input id={`${prefix}-agents`} className={inputBase} value={agents} onChange={(e) => setAgents(e.target.value)} />
        </FormField>
        <FormField errorTestId="rule-field-error" id={`${prefix}-kinds`} label="Kinds, comma-separated (empty = any)" error={errorFor("kinds")}>
          <input id={`${prefix}-kinds`} className={inputBase} value={kinds} onChange={(e) => setKinds(e.target.value)} />
        </FormField>
        <fieldset>
          <legend className={labelBase}>Send to</legend>
          <div className="flex flex-wrap gap-3 text-sm">
            {channels.map((c) => (
              <label key={c.id} className="inline-flex min-h-11 items-center gap-2 sm:min-h-9">
                <input type="checkbox" className="size-5 accent-sky-700" checked={chosen.includes(c.id)} onChange={() => setChosen((v) => toggle(v, c.id))} />
                {c.name}
              </label>
            ))}
          </div>
          {errorFor("channelIds") && (
            <p className="mt-1 text-xs text-red-800 dark:text-red-300" role="alert" data-testid="rule-field-error">
              {errorFor("channelIds")}
            </p>
          )}
        </fieldset>
        <FormField errorTestId="rule-field-error" id={`${prefix}-repeat`} label="Repeat every N minutes while open (optional)" error={errorFor("repeatMinutes")}>
          <input
            id={`${prefix}-repeat`}
            inputMode="numeric"
            className={inputBase}
            value={repeat}
            onChange={(e) => setRepeat(e.target.value)}
            aria-invalid={Boolean(errorFor("repeatMinutes"))}
          />
        </FormField>
        <FormField errorTestId="rule-field-error" id={`${prefix}-escalate`} label="Escalate after M minutes (optional)" error={errorFor("escalateAfterMinutes")}>
          <input
            id={`${prefix}-escalate`}
            inputMode="numeric"
            className={inputBase}
            value={escalate}
            onChange={(e) => setEscalate(e.target.value)}
            aria-invalid={Boolean(errorFor("escalateAfterMinutes"))}
          />
        </FormField>
        <FormField errorTestId="rule-field-error" id={`${prefix}-escalate-to`} label="Escalate to" error={errorFor("escalateChannelIds")}>
          <select id={`${prefix}-escalate-to`} className={inputBase} value={escalateTo} onChange={(e) => setEscalateTo(e.target.value)}>
            <option value="">—</option>
            {channels.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </FormField>
      </div>
      {error && (!error.field || !shown.has(error.field.split(".")[0]!)) && (
        <p className="text-sm text-red-800 dark:text-red-300" role="alert">
          {error.message}
        </p>
      )}
      <div className="flex gap-2">
        <button type="submit" className={primaryButton} disabled={busy}>
          {rule ? "Save rule" : "Add rule"}
        </button>
        {rule && (
          <button type="button" className={secondaryButton} onClick={onDone}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
