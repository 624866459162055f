/** What every channel says about one alert event, before each formats it its own way. */
export type NotifyEvent = "trigger" | "repeat" | "escalate" | "resolve" | "test";

export type AlertNotice = {
  event: NotifyEvent;
  deliveryId: string;
  alertId: string;
  severity: string;
  title: string;
  message: string | null;
  source: string | null;
  agentId: string | null;
  taskId: string | null;
  repoId: string | null;
  count: number;
  /** When it was (last) triggered, ISO-8601. */
  since: string;
  /** Minutes it has been open, for repeats and escalations. */
  openMinutes: number;
  dashboardUrl: string;
  /** A signed acknowledge link; absent for resolves and tests. */
  ackUrl: string | null;
};

export function headline(n: AlertNotice): string {
  const sev = n.severity.toUpperCase();
  switch (n.event) {
    case "trigger":
      return `[${sev}] ${n.title}`;
    case "repeat":
      return `[${sev}] Still open for ${n.openMinutes} min: ${n.title}`;
    case "escalate":
      return `[${sev}] Escalated, open for ${n.openMinutes} min: ${n.title}`;
    case "resolve":
      return `[RESOLVED] ${n.title}`;
    case "test":
      return "Cockpit test notification";
  }
}

/** Where it happened, as "agent mac-1 · repo api · task t_1", or "" when nothing is linked. */
export function whereText(n: AlertNotice): string {
  return [n.agentId && `agent ${n.agentId}`, n.repoId && `repo ${n.repoId}`, n.taskId && `task ${n.taskId}`, n.source && `source ${n.source}`]
    .filter(Boolean)
    .join(" · ");
}

/** Plain text body: the message, where, since when, how many times. */
export function bodyText(n: AlertNotice): string {
  if (n.event === "test") return "This channel is set up: Cockpit alerts will arrive here.";
  const lines = [n.message ?? "", whereText(n) && `Where: ${whereText(n)}`, `Since: ${n.since}${n.count > 1 ? ` (${n.count} times)` : ""}`];
  return lines.filter(Boolean).join("\n");
}

export const SEVERITY_COLOURS: Record<string, number> = { critical: 0xdc2626, warning: 0xf59e0b, info: 0x0284c7, resolved: 0x16a34a };
