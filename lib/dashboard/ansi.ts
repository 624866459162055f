/**
 * A small ANSI SGR parser for task output: colours (16, 256 and 24-bit), bold, dim, italic, underline, inverse;
 * every other escape sequence (cursor moves, OSC titles and links) is dropped. Pure, so the browser ships no library.
 */
export type AnsiStyle = { fg?: string; bg?: string; bold?: boolean; dim?: boolean; italic?: boolean; underline?: boolean; inverse?: boolean };
export type AnsiSegment = { text: string; style: AnsiStyle };

/** The 16 basic colours, light enough to read on the log panel's near-black background (WCAG AA on #020617). */
export const BASIC_COLOURS = [
  "#94a3b8", // black: shown as slate so it stays visible
  "#f87171",
  "#4ade80",
  "#facc15",
  "#60a5fa",
  "#e879f9",
  "#22d3ee",
  "#e2e8f0",
  "#a1a1aa",
  "#fca5a5",
  "#86efac",
  "#fde047",
  "#93c5fd",
  "#f0abfc",
  "#67e8f9",
  "#ffffff",
] as const;

const hex = (n: number) => n.toString(16).padStart(2, "0");

/** xterm's 256-colour palette: 16 basic, a 6×6×6 cube, 24 greys. */
export function colour256(n: number): string {
  if (n < 16) return BASIC_COLOURS[n]!;
  if (n < 232) {
    const v = n - 16;
    const level = (x: number) => (x === 0 ? 0 : 55 + x * 40);
    return `#${hex(level(Math.floor(v / 36)))}${hex(level(Math.floor(v / 6) % 6))}${hex(level(v % 6))}`;
  }
  const grey = 8 + (n - 232) * 10;
  return `#${hex(grey)}${hex(grey)}${hex(grey)}`;
}

/** Applies one SGR parameter list (the numbers between `ESC[` and `m`) to a style. */
export function applySgr(style: AnsiStyle, params: readonly number[]): AnsiStyle {
  let s: AnsiStyle = { ...style };
  const codes = params.length === 0 ? [0] : params;
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i]!;
    if (c === 0) s = {};
    else if (c === 1) s.bold = true;
    else if (c === 2) s.dim = true;
    else if (c === 3) s.italic = true;
    else if (c === 4) s.underline = true;
    else if (c === 7) s.inverse = true;
    else if (c === 22) s.bold = s.dim = undefined;
    else if (c === 23) s.italic = undefined;
    else if (c === 24) s.underline = undefined;
    else if (c === 27) s.inverse = undefined;
    else if (c >= 30 && c <= 37) s.fg = BASIC_COLOURS[c - 30];
    else if (c >= 90 && c <= 97) s.fg = BASIC_COLOURS[c - 90 + 8];
    else if (c === 39) s.fg = undefined;
    else if (c >= 40 && c <= 47) s.bg = BASIC_COLOURS[c - 40];
    else if (c >= 100 && c <= 107) s.bg = BASIC_COLOURS[c - 100 + 8];
    else if (c === 49) s.bg = undefined;
    else if (c === 38 || c === 48) {
      const mode = codes[i + 1];
      let colour: string | undefined;
      if (mode === 5 && codes[i + 2] !== undefined) {
        colour = colour256(Math.min(255, codes[i + 2]!));
        i += 2;
      } else if (mode === 2 && codes[i + 4] !== undefined) {
        colour = `#${hex(Math.min(255, codes[i + 2]!))}${hex(Math.min(255, codes[i + 3]!))}${hex(Math.min(255, codes[i + 4]!))}`;
        i += 4;
      } else break; // malformed extended colour: ignore the rest, as terminals do
      if (c === 38) s.fg = colour;
      else s.bg = colour;
    }
  }
  for (const k of Object.keys(s) as (keyof AnsiStyle)[]) if (s[k] === undefined) delete s[k];
  return s;
}

// CSI (ESC [ params final), OSC (ESC ] … BEL or ESC \), and any other two-character escape.
// eslint-disable-next-line no-control-regex -- matching terminal escapes is the point
const ESCAPE = /\u001b(?:\[([0-9;:?]*)([@-~])|\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|[@-Z\\-_])/g;

/** Splits text into runs of one style; the escapes themselves are removed. */
export function parseAnsi(text: string, start: AnsiStyle = {}): AnsiSegment[] {
  const out: AnsiSegment[] = [];
  let style = start;
  let last = 0;
  const push = (t: string) => {
    if (!t) return;
    const prev = out[out.length - 1];
    if (prev && prev.style === style) prev.text += t;
    else out.push({ text: t, style });
  };
  for (const m of text.matchAll(ESCAPE)) {
    push(text.slice(last, m.index));
    last = m.index + m[0].length;
    if (m[2] === "m" && !(m[1] ?? "").includes("?")) {
      const params = (m[1] ?? "")
        .split(/[;:]/)
        .filter((p) => p !== "")
        .map(Number);
      style = applySgr(style, params);
    }
  }
  push(text.slice(last));
  return out;
}

/** The text without any escape sequence (for search and copy). */
export function stripAnsi(text: string): string {
  return text.replace(ESCAPE, "");
}

export type MarkedSegment = AnsiSegment & { match: number | null };

/**
 * Splits segments where `query` occurs (case-insensitive) in their joined text, so a match may span styles; each
 * piece of a match carries its match index. Returns the pieces and the number of matches.
 */
export function markMatches(segments: readonly AnsiSegment[], query: string): { pieces: MarkedSegment[]; count: number } {
  if (!query) return { pieces: segments.map((s) => ({ ...s, match: null })), count: 0 };
  const joined = segments
    .map((s) => s.text)
    .join("")
    .toLowerCase();
  const needle = query.toLowerCase();
  const ranges: [number, number][] = [];
  for (let i = joined.indexOf(needle); i !== -1; i = joined.indexOf(needle, i + needle.length)) ranges.push([i, i + needle.length]);
  const pieces: MarkedSegment[] = [];
  let offset = 0;
  let r = 0;
  for (const seg of segments) {
    const end = offset + seg.text.length;
    let at = offset;
    while (at < end) {
      while (r < ranges.length && ranges[r]![1] <= at) r++;
      const range = ranges[r];
      if (!range || range[0] >= end) {
        pieces.push({ text: seg.text.slice(at - offset), style: seg.style, match: null });
        break;
      }
      if (range[0] > at) {
        pieces.push({ text: seg.text.slice(at - offset, range[0] - offset), style: seg.style, match: null });
        at = range[0];
      }
      const stop = Math.min(range[1], end);
      pieces.push({ text: seg.text.slice(at - offset, stop - offset), style: seg.style, match: r });
      at = stop;
    }
    offset = end;
  }
  return { pieces, count: ranges.length };
}
