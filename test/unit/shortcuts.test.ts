import { describe, expect, it } from "vitest";
import { shortcutFor } from "@/lib/dashboard/shortcuts";

const key = (k: string, extra: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean; typing: boolean }> = {}) => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  typing: false,
  ...extra,
});

describe("keyboard shortcuts", () => {
  it("maps single keys and g-sequences to actions", () => {
    expect(shortcutFor(key("/"), false)).toEqual({ kind: "search" });
    expect(shortcutFor(key("j"), false)).toEqual({ kind: "move", by: 1 });
    expect(shortcutFor(key("k"), false)).toEqual({ kind: "move", by: -1 });
    expect(shortcutFor(key("?"), false)).toEqual({ kind: "help" });
    expect(shortcutFor(key("g"), false)).toEqual({ kind: "pending-g" });
    expect(shortcutFor(key("t"), true)).toEqual({ kind: "go", href: "/tasks" });
    expect(shortcutFor(key("a"), true)).toEqual({ kind: "go", href: "/alerts" });
    expect(shortcutFor(key("a", { typing: true }), false)).toBeNull();
    expect(shortcutFor(key("x"), true)).toBeNull();
    expect(shortcutFor(key("t"), false)).toBeNull();
  });

  it("a, x and s act on the focused row, but after g the a still goes to alerts", () => {
    expect(shortcutFor(key("a"), false)).toEqual({ kind: "row-action", action: "acknowledge" });
    expect(shortcutFor(key("x"), false)).toEqual({ kind: "row-action", action: "dismiss" });
    expect(shortcutFor(key("s"), false)).toEqual({ kind: "row-action", action: "snooze" });
    expect(shortcutFor(key("a", { typing: true }), false)).toBeNull();
    expect(shortcutFor(key("a"), true)).toEqual({ kind: "go", href: "/alerts" });
  });

  it("does nothing while typing in a field or with a modifier held", () => {
    expect(shortcutFor(key("j", { typing: true }), false)).toBeNull();
    expect(shortcutFor(key("/", { typing: true }), false)).toBeNull();
    expect(shortcutFor(key("k", { metaKey: true }), false)).toBeNull();
    expect(shortcutFor(key("t", { ctrlKey: true }), true)).toBeNull();
  });
});
