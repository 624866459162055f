/** The dashboard's keyboard shortcuts, as pure data and one pure decision, so the listener stays a thin shell. */
export const SHORTCUTS = [
  { keys: "/", does: "Search on this page" },
  { keys: "j / k", does: "Next / previous row" },
  { keys: "Enter", does: "Open the focused row" },
  { keys: "g t", does: "Go to tasks" },
  { keys: "g a", does: "Go to alerts" },
  { keys: "g o", does: "Go to the overview" },
  { keys: "?", does: "Show these shortcuts" },
  { keys: "⌘K / Ctrl-K", does: "Open the command bar" },
] as const;

export type ShortcutAction = { kind: "search" } | { kind: "move"; by: 1 | -1 } | { kind: "go"; href: string } | { kind: "help" } | { kind: "pending-g" } | null;

const GO: Record<string, string> = { t: "/tasks", a: "/alerts", o: "/", r: "/repos" };

/** What a key press means, given whether `g` was the key before it. Modifier keys and typing in a field mean nothing. */
export function shortcutFor(e: { key: string; ctrlKey: boolean; metaKey: boolean; altKey: boolean; typing: boolean }, afterG: boolean): ShortcutAction {
  if (e.typing || e.ctrlKey || e.metaKey || e.altKey) return null;
  if (afterG) return GO[e.key] ? { kind: "go", href: GO[e.key]! } : null;
  switch (e.key) {
    case "/":
      return { kind: "search" };
    case "j":
      return { kind: "move", by: 1 };
    case "k":
      return { kind: "move", by: -1 };
    case "?":
      return { kind: "help" };
    case "g":
      return { kind: "pending-g" };
    default:
      return null;
  }
}
