"use client";
import { useState } from "react";
import { card, inputBase, labelBase, primaryButton } from "../ui/styles";
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
const minutes = (text: string) => (text.trim() ? Number(text) : null);

/** A rule: which alerts (empty = any) go to which channels, with optional repeat and escalation. */
export function RuleForm({ channels }: { channels: ChannelView[] }) {
  const { busy, call } = useAdminCall();
  const [name, setName] = useState("");
  const [severities, setSeverities] = useState<string[]>(["critical"]);
  const [sources, setSources] = useState("");
  const [agents, setAgents] = useState("");
  const [chosen, setChosen] = useState<string[]>([]);
  const [repeat, setRepeat] = useState("");
  const [escalate, setEscalate] = useState("");
  const [escalateTo, setEscalateTo] = useState("");
  const toggle = (list: string[], v: string) => (list.includes(v) ? list.filter((x) => x !== v) : [...list, v]);
  const submit = () =>
    call("/api/cockpit/rules", "POST", {
      name,
      severities,
      sources: list(sources),
      agentIds: list(agents),
      channelIds: chosen,
      repeatMinutes: minutes(repeat),
      escalateAfterMinutes: minutes(escalate),
      escalateChannelIds: escalateTo ? [escalateTo] : [],
    });
  return (
    <form
      className={`${card} space-y-3 p-4`}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h3 className="font-medium">Add a rule</h3>
      <div className="grid gap-3 sm:grid-cols-2">
        <div>
          <label htmlFor="rule-name" className={labelBase}>
            Name
          </label>
          <input id="rule-name" required className={inputBase} value={name} onChange={(e) => setName(e.target.value)} />
        </div>
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
        <div>
          <label htmlFor="rule-sources" className={labelBase}>
            Sources, comma-separated (empty = any)
          </label>
          <input id="rule-sources" className={inputBase} value={sources} onChange={(e) => setSources(e.target.value)} />
        </div>
        <div>
          <label htmlFor="rule-agents" className={labelBase}>
            Agents, comma-separated (empty = any)
          </label>
          <input id="rule-agents" className={inputBase} value={agents} onChange={(e) => setAgents(e.target.value)} />
        </div>
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
        </fieldset>
        <div>
          <label htmlFor="rule-repeat" className={labelBase}>
            Repeat every N minutes while open (optional)
          </label>
          <input id="rule-repeat" inputMode="numeric" className={inputBase} value={repeat} onChange={(e) => setRepeat(e.target.value)} />
        </div>
        <div>
          <label htmlFor="rule-escalate" className={labelBase}>
            Escalate after M minutes (optional)
          </label>
          <input id="rule-escalate" inputMode="numeric" className={inputBase} value={escalate} onChange={(e) => setEscalate(e.target.value)} />
        </div>
        <div>
          <label htmlFor="rule-escalate-to" className={labelBase}>
            Escalate to
          </label>
          <select id="rule-escalate-to" className={inputBase} value={escalateTo} onChange={(e) => setEscalateTo(e.target.value)}>
            <option value="">—</option>
            {channels.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
      </div>
      <button type="submit" className={primaryButton} disabled={busy}>
        Add rule
      </button>
    </form>
  );
}
