import { bodyText, headline, whereText, type AlertNotice } from "../message";

/** One email per notification: a subject, a plain-text part and an HTML part that say the same thing. */
export type EmailMessage = { subject: string; text: string; html: string };

const SEVERITY_CSS: Record<string, string> = { critical: "#b91c1c", warning: "#b45309", info: "#0369a1", resolved: "#15803d" };

const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
const oneLine = (s: string) => s.replace(/[\r\n]+/g, " ").trim();
const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** The subject names severity, what and where: "[CRITICAL] Build box on fire — agent mac-9 · task t-42". */
export function emailSubject(n: AlertNotice): string {
  const where = n.event === "test" ? "" : whereText(n);
  return cut(oneLine(where ? `${headline(n)} — ${where}` : headline(n)), 250);
}

function links(n: AlertNotice): { label: string; url: string }[] {
  return [...(n.ackUrl ? [{ label: "Acknowledge", url: n.ackUrl }] : []), { label: "Open in Cockpit", url: n.dashboardUrl }];
}

export function emailText(n: AlertNotice): string {
  const parts = [headline(n), "", bodyText(n), "", ...links(n).map((l) => `${l.label}: ${l.url}`)];
  if (n.ackUrl) parts.push("", "The acknowledge link works once and expires; it opens a page that asks before it changes anything.");
  return `${parts.join("\n")}\n`;
}

export function emailHtml(n: AlertNotice): string {
  const colour = SEVERITY_CSS[n.event === "resolve" ? "resolved" : n.severity] ?? SEVERITY_CSS.info!;
  const rows: [string, string | null][] =
    n.event === "test"
      ? []
      : [
          ["Severity", n.severity],
          ["Agent", n.agentId],
          ["Repo", n.repoId],
          ["Task", n.taskId],
          ["Source", n.source],
          ["Since", `${n.since}${n.count > 1 ? ` (${n.count} times)` : ""}`],
        ];
  const table = rows
    .filter((r): r is [string, string] => Boolean(r[1]))
    .map(([k, v]) => `<tr><th align="left" style="padding:2px 12px 2px 0">${k}</th><td>${escapeHtml(v)}</td></tr>`)
    .join("");
  const message = n.event === "test" ? bodyText(n) : (n.message ?? "");
  const buttons = links(n)
    .map(
      (l) =>
        `<a href="${escapeHtml(l.url)}" style="display:inline-block;margin:0 8px 8px 0;padding:8px 14px;border-radius:6px;background:${l.label === "Acknowledge" ? colour : "#334155"};color:#ffffff;text-decoration:none">${l.label}</a>`,
    )
    .join("");
  return [
    `<!doctype html><html><body style="font-family:system-ui,sans-serif;color:#0f172a">`,
    `<h2 style="margin:0 0 8px;color:${colour}">${escapeHtml(headline(n))}</h2>`,
    message ? `<p style="white-space:pre-wrap">${escapeHtml(message)}</p>` : "",
    table ? `<table>${table}</table>` : "",
    `<p>${buttons}</p>`,
    n.ackUrl ? `<p style="font-size:12px;color:#475569">The acknowledge link works once and expires; it opens a page that asks before it changes anything.</p>` : "",
    `</body></html>`,
  ].join("");
}

export function emailMessage(n: AlertNotice): EmailMessage {
  return { subject: emailSubject(n), text: emailText(n), html: emailHtml(n) };
}
