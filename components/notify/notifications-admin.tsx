"use client";
import { useState } from "react";
import { useToast } from "../toasts";
import { Badge } from "../ui/badge";
import { card, inputBase, labelBase, primaryButton, secondaryButton } from "../ui/styles";
import { SMTP_SECURITY } from "@/lib/notify/channels/email-config";
import { PushDevices, type PushDeviceView } from "./push-devices";
import { RuleForm, type RuleView } from "./rule-form";
import { useAdminCall } from "./use-admin-call";

export type ChannelView = {
  id: string;
  name: string;
  type: string;
  enabled: boolean;
  quietHours: string | null;
  quietTimeZone: string | null;
  config: Record<string, unknown> | null;
};

/** The settings each channel type asks for; secrets are typed in once and only ever shown masked afterwards. */
const FIELDS: Record<string, { name: string; label: string; secret?: boolean; placeholder?: string; options?: readonly string[] }[]> = {
  ntfy: [
    { name: "server", label: "Server", placeholder: "https://ntfy.sh" },
    { name: "topic", label: "Topic" },
    { name: "token", label: "Access token (optional)", secret: true },
  ],
  discord: [{ name: "webhookUrl", label: "Webhook URL", secret: true }],
  slack: [{ name: "webhookUrl", label: "Incoming webhook URL", secret: true }],
  telegram: [
    { name: "botToken", label: "Bot token", secret: true },
    { name: "chatId", label: "Chat id" },
  ],
  webhook: [
    { name: "url", label: "URL" },
    { name: "secret", label: "Signing secret (16+ characters)", secret: true },
  ],
  email: [
    { name: "host", label: "SMTP host", placeholder: "smtp.example.com" },
    { name: "port", label: "Port", placeholder: "587" },
    { name: "security", label: "Security", options: SMTP_SECURITY },
    { name: "user", label: "User (optional)" },
    { name: "password", label: "Password", secret: true },
    { name: "from", label: "From", placeholder: "Cockpit <alerts@example.com>" },
    { name: "to", label: "To (comma-separated)", placeholder: "oncall@example.com" },
  ],
  webpush: [{ name: "subject", label: "Contact for push services (mailto: or https:)", placeholder: "mailto:you@example.com" }],
};

function ChannelForm() {
  const { busy, call } = useAdminCall();
  const [type, setType] = useState("ntfy");
  const [name, setName] = useState("");
  const [quietHours, setQuietHours] = useState("");
  const [quietTimeZone, setQuietTimeZone] = useState("");
  const [values, setValues] = useState<Record<string, string>>({});
  const submit = async () => {
    const config = Object.fromEntries(Object.entries(values).filter(([k, v]) => v.trim() !== "" && FIELDS[type]!.some((f) => f.name === k)));
    const done = await call("/api/cockpit/channels", "POST", {
      name,
      type,
      config,
      quietHours: quietHours.trim() || null,
      quietTimeZone: quietTimeZone.trim() || null,
    });
    if (done) setValues({});
  };
  return (
    <form
      className={`${card} space-y-3 p-4`}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      data-testid="channel-form"
    >
      <h3 className="font-medium">Add a channel</h3>
      <div className="grid gap-3 sm:grid-cols-2">
        <div>
          <label htmlFor="ch-type" className={labelBase}>
            Type
          </label>
          <select id="ch-type" className={inputBase} value={type} onChange={(e) => setType(e.target.value)}>
            {Object.keys(FIELDS).map((t) => (
              <option key={t}>{t}</option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="ch-name" className={labelBase}>
            Name
          </label>
          <input id="ch-name" className={inputBase} required value={name} onChange={(e) => setName(e.target.value)} />
        </div>
        {FIELDS[type]!.map((f) => (
          <div key={`${type}-${f.name}`}>
            <label htmlFor={`ch-${f.name}`} className={labelBase}>
              {f.label}
            </label>
            {f.options ? (
              <select
                id={`ch-${f.name}`}
                className={inputBase}
                value={values[f.name] ?? f.options[0]}
                onChange={(e) => setValues((v) => ({ ...v, [f.name]: e.target.value }))}
              >
                {f.options.map((o) => (
                  <option key={o}>{o}</option>
                ))}
              </select>
            ) : (
              <input
                id={`ch-${f.name}`}
                className={inputBase}
                type={f.secret ? "password" : "text"}
                autoComplete="off"
                placeholder={f.placeholder}
                value={values[f.name] ?? ""}
                onChange={(e) => setValues((v) => ({ ...v, [f.name]: e.target.value }))}
              />
            )}
          </div>
        ))}
        <div>
          <label htmlFor="ch-quiet" className={labelBase}>
            Quiet hours (optional; criticals still come)
          </label>
          <input id="ch-quiet" className={inputBase} placeholder="22:00-07:00" value={quietHours} onChange={(e) => setQuietHours(e.target.value)} />
        </div>
        <div>
          <label htmlFor="ch-quiet-zone" className={labelBase}>
            Quiet hours time zone (IANA, e.g. Europe/Berlin; empty = UTC)
          </label>
          <input
            id="ch-quiet-zone"
            className={inputBase}
            placeholder="Europe/Berlin"
            value={quietTimeZone}
            onChange={(e) => setQuietTimeZone(e.target.value)}
          />
        </div>
      </div>
      <button type="submit" className={primaryButton} disabled={busy}>
        Add channel
      </button>
    </form>
  );
}

function ChannelRow({ c, devices }: { c: ChannelView; devices: PushDeviceView[] }) {
  const { busy, call } = useAdminCall();
  const toasts = useToast();
  const test = async () => {
    const r = await call<{ ok: boolean; httpStatus: number | null; error: string | null }>(`/api/cockpit/channels/${c.id}/test`, "POST");
    if (r)
      toasts.show({
        tone: r.ok ? "success" : "error",
        title: r.ok ? `Test sent to ${c.name}` : `Test to ${c.name} failed`,
        body: r.error ?? `HTTP ${r.httpStatus}`,
      });
  };
  return (
    <li className={`${card} flex flex-col gap-2 p-3 sm:flex-row sm:items-center`} data-testid={`channel-${c.id}`}>
      <div className="min-w-0 flex-1">
        <div className="flex flex-wrap items-center gap-2">
          <Badge tone="blue">{c.type}</Badge>
          <span className="font-medium">{c.name}</span>
          {!c.enabled && <Badge tone="slate">disabled</Badge>}
          {c.quietHours && (
            <span className="text-xs">
              quiet {c.quietHours} {c.quietTimeZone ?? "UTC"}
            </span>
          )}
        </div>
        <p className="mt-1 text-xs break-all text-slate-700 dark:text-slate-300">
          {c.config
            ? Object.entries(c.config)
                .filter(([, v]) => v !== undefined)
                .map(([k, v]) => `${k}: ${String(v)}`)
                .join(" · ")
            : "settings unreadable (COCKPIT_SECRET changed): set them again"}
        </p>
        {c.type === "webpush" && <PushDevices channelId={c.id} devices={devices.filter((d) => d.channelId === c.id)} />}
      </div>
      <div className="flex gap-2 self-end sm:self-auto">
        <button type="button" className={secondaryButton} disabled={busy} onClick={() => void test()} data-testid="channel-test">
          Send test
        </button>
        <button type="button" className={secondaryButton} disabled={busy} onClick={() => void call(`/api/cockpit/channels/${c.id}`, "DELETE")}>
          Remove
        </button>
      </div>
    </li>
  );
}

/** One rule in words, with Edit (the same form, filled in) and Remove. */
function RuleRow({ r, channels, names }: { r: RuleView; channels: ChannelView[]; names: Map<string, string> }) {
  const { busy, call } = useAdminCall();
  const [editing, setEditing] = useState(false);
  if (editing) return <li data-testid={`rule-${r.id}`}>{<RuleForm channels={channels} rule={r} onDone={() => setEditing(false)} />}</li>;
  return (
    <li className={`${card} flex flex-col gap-2 p-3 text-sm sm:flex-row sm:items-center`} data-testid={`rule-${r.id}`}>
      <div className="min-w-0 flex-1">
        <span className="font-medium">{r.name}</span>: {r.severities.length ? r.severities.join(", ") : "any severity"}
        {r.sources.length > 0 && ` · from ${r.sources.join(", ")}`}
        {r.agentIds.length > 0 && ` · agents ${r.agentIds.join(", ")}`}
        {r.kinds.length > 0 && ` · kinds ${r.kinds.join(", ")}`} → {r.channelIds.map((id) => names.get(id) ?? id).join(", ")}
        {r.repeatMinutes && ` · repeat every ${r.repeatMinutes} min`}
        {r.escalateAfterMinutes && ` · escalate after ${r.escalateAfterMinutes} min to ${r.escalateChannelIds.map((id) => names.get(id) ?? id).join(", ")}`}
      </div>
      <div className="flex gap-2 self-end sm:self-auto">
        <button type="button" className={secondaryButton} disabled={busy} onClick={() => setEditing(true)} data-testid="rule-edit">
          Edit
        </button>
        <button type="button" className={secondaryButton} disabled={busy} onClick={() => void call(`/api/cockpit/rules/${r.id}`, "DELETE")}>
          Remove
        </button>
      </div>
    </li>
  );
}

export function NotificationsAdmin({ channels, rules, devices = [] }: { channels: ChannelView[]; rules: RuleView[]; devices?: PushDeviceView[] }) {
  const names = new Map(channels.map((c) => [c.id, c.name]));
  return (
    <div className="space-y-6">
      <section aria-label="Channels" className="space-y-3">
        <h2 className="text-lg font-semibold">Channels</h2>
        <ul className="space-y-2">
          {channels.map((c) => (
            <ChannelRow key={c.id} c={c} devices={devices} />
          ))}
        </ul>
        <ChannelForm />
      </section>
      <section aria-label="Rules" className="space-y-3">
        <h2 className="text-lg font-semibold">Rules</h2>
        <ul className="space-y-2">
          {rules.map((r) => (
            <RuleRow key={r.id} r={r} channels={channels} names={names} />
          ))}
        </ul>
        {channels.length > 0 ? <RuleForm channels={channels} /> : <p className="text-sm">Add a channel first.</p>}
      </section>
    </div>
  );
}
