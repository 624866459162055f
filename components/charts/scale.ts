/** Pure helpers for the hand-rolled SVG charts: a "nice" axis top and its ticks. */

/** The smallest 1/2/5 × 10ⁿ at or above `max` (1 for an empty chart). */
export function niceMax(max: number): number {
  if (!(max > 0)) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 5, 10]) if (step * magnitude >= max) return step * magnitude;
  return 10 * magnitude;
}

/** Evenly spaced ticks from 0 to `top`, inclusive. */
export function ticks(top: number, count = 4): number[] {
  return Array.from({ length: count + 1 }, (_, i) => (top * i) / count);
}

/** Points of a polyline over `values` (null leaves a gap), in a width × height box with y growing downward. */
export function linePaths(values: readonly (number | null)[], top: number, width: number, height: number): string[] {
  const step = values.length > 1 ? width / (values.length - 1) : 0;
  const paths: string[] = [];
  let current: string[] = [];
  values.forEach((v, i) => {
    if (v === null) {
      if (current.length) paths.push(current.join(" "));
      current = [];
      return;
    }
    const x = values.length > 1 ? i * step : width / 2;
    const y = height - (Math.min(v, top) / top) * height;
    current.push(`${current.length ? "L" : "M"}${x.toFixed(1)},${y.toFixed(1)}`);
  });
  if (current.length) paths.push(current.join(" "));
  // A lone point draws nothing as a path: make it a short dash so it shows.
  return paths.map((p) => (p.includes("L") ? p : `${p} l0.01,0`));
}
