/** The dashboard's keyboard shortcuts, as pure data and one pure decision, so the listener stays a thin shell. */
export const SHORTCUTS = [
  { keys: "/", does: "Search on this page" },
  { keys: "j / k", does: "Next / previous row" },
  { keys: "Enter", does: "Open the focused row" },
  { keys: "a", does: "Acknowledge or approve the focused row (focus moves to the next row)" },
  { keys: "x", does: "Dismiss the focused row (deny an approval, cancel a task)" },
  { keys: "s", does: "Snooze the focused alert for an hour" },
  { keys: "g t", does: "Go to tasks" },
  { keys: "g a", does: "Go to alerts" },
  { keys: "g o", does: "Go to the overview" },
  { keys: "?", does: "Show these shortcuts" },
  { keys: "⌘K / Ctrl-K", does: "Open the command bar" },
] as const;

/** What a/x/s do to the focused row: press its button marked data-row-action, so a key does nothing a button does not. */
export type RowAction = "acknowledge" | "dismiss" | "snooze";
const ROW_ACTIONS: Record<string, RowAction> = { a: "acknowledge", x: "dismiss", s: "snooze" };

export type ShortcutAction = { kind: "row-action"; action: RowAction } | { kind: "search" } | { kind: "move"; by: 1 | -1 } | { kind: "go"; href: string } | { kind: "help" } | { kind: "pending-g" } | null;

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
      return ROW_ACTIONS[e.key] ? { kind: "row-action", action: ROW_ACTIONS[e.key]! } : null;
  }
}
