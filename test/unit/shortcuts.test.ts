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
    expect(shortcutFor(key("a"), false)).toEqual({ kind: "acknowledge" });
    expect(shortcutFor(key("a", { typing: true }), false)).toBeNull();
    expect(shortcutFor(key("x"), true)).toBeNull();
    expect(shortcutFor(key("t"), false)).toBeNull();
  });

  it("does nothing while typing in a field or with a modifier held", () => {
    expect(shortcutFor(key("j", { typing: true }), false)).toBeNull();
    expect(shortcutFor(key("/", { typing: true }), false)).toBeNull();
    expect(shortcutFor(key("k", { metaKey: true }), false)).toBeNull();
    expect(shortcutFor(key("t", { ctrlKey: true }), true)).toBeNull();
  });
});
