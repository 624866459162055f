import { describe, expect, it } from "vitest";
import { BASIC_COLOURS, applySgr, colour256, markMatches, parseAnsi, stripAnsi } from "@/lib/dashboard/ansi";

const ESC = "\u001b";

describe("ANSI SGR parser", () => {
  it("splits text into runs with the colours and weights the escapes set, and drops the escapes", () => {
    const segments = parseAnsi(`plain ${ESC}[1;31mERROR${ESC}[0m done ${ESC}[32mok${ESC}[39m.`);
    expect(segments).toEqual([
      { text: "plain ", style: {} },
      { text: "ERROR", style: { bold: true, fg: BASIC_COLOURS[1] } },
      { text: " done ", style: {} },
      { text: "ok", style: { fg: BASIC_COLOURS[2] } },
      { text: ".", style: {} },
    ]);
  });

  it("reads bright, background, 256-colour and 24-bit colours", () => {
    expect(applySgr({}, [93, 104])).toEqual({ fg: BASIC_COLOURS[11], bg: BASIC_COLOURS[12] });
    expect(applySgr({}, [38, 5, 196])).toEqual({ fg: "#ff0000" });
    expect(applySgr({}, [48, 5, 232])).toEqual({ bg: "#080808" });
    expect(applySgr({}, [38, 2, 18, 52, 86, 1])).toEqual({ fg: "#123456", bold: true });
    expect(colour256(16)).toBe("#000000");
    expect(colour256(231)).toBe("#ffffff");
  });

  it("resets single attributes and treats an empty parameter list as a reset", () => {
    const s = applySgr({}, [1, 3, 4, 31, 42]);
    expect(applySgr(s, [22, 23, 24, 39, 49])).toEqual({});
    expect(parseAnsi(`${ESC}[31mred${ESC}[mplain`)).toEqual([
      { text: "red", style: { fg: BASIC_COLOURS[1] } },
      { text: "plain", style: {} },
    ]);
  });

  it("drops cursor moves, OSC titles and links, and keeps a truncated extended colour from breaking the rest", () => {
    const text = `${ESC}[2K${ESC}[1Aprogress${ESC}]0;title${ESC}\\ ${ESC}]8;;https://x.test${ESC}\\link${ESC}]8;;${ESC}\\ ${ESC}[38;5mX`;
    expect(stripAnsi(text)).toBe("progress link X");
    expect(
      parseAnsi(text)
        .map((s) => s.text)
        .join(""),
    ).toBe("progress link X");
  });

  it("leaves text without escapes as one run", () => {
    expect(parseAnsi("a\nb")).toEqual([{ text: "a\nb", style: {} }]);
    expect(parseAnsi("")).toEqual([]);
  });
});

describe("search marks in styled text", () => {
  it("marks every case-insensitive match, including one that spans two styles", () => {
    const { pieces, count } = markMatches(parseAnsi(`${ESC}[31mFAI${ESC}[0mL here, fail there`), "fail");
    expect(count).toBe(2);
    expect(pieces.filter((p) => p.match === 0).map((p) => p.text)).toEqual(["FAI", "L"]);
    expect(pieces.filter((p) => p.match === 1).map((p) => p.text)).toEqual(["fail"]);
    expect(pieces.map((p) => p.text).join("")).toBe("FAIL here, fail there");
  });

  it("marks nothing for an empty query or no match", () => {
    expect(markMatches(parseAnsi("abc"), "").count).toBe(0);
    expect(markMatches(parseAnsi("abc"), "zzz")).toEqual({ pieces: [{ text: "abc", style: {}, match: null }], count: 0 });
  });
});
