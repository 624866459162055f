/** A tiny inline line chart (hand-rolled SVG: no chart library for 24 points). Values 0–100; gaps (null) break the line. */
export function Sparkline({ values, label, testId }: { values: readonly (number | null)[]; label: string; testId?: string }) {
  const w = 96;
  const h = 24;
  if (values.every((v) => v === null)) return <span className="text-xs text-slate-600 dark:text-slate-400">no samples</span>;
  const step = values.length > 1 ? w / (values.length - 1) : w;
  let d = "";
  let pen = false;
  values.forEach((v, i) => {
    if (v === null) {
      pen = false;
      return;
    }
    const x = (i * step).toFixed(1);
    const y = (h - (Math.min(100, Math.max(0, v)) / 100) * (h - 2) - 1).toFixed(1);
    d += `${pen ? "L" : "M"}${x} ${y} `;
    pen = true;
  });
  return (
    <svg viewBox={`0 0 ${w} ${h}`} width={w} height={h} role="img" aria-label={label} data-testid={testId} className="text-sky-600 dark:text-sky-400">
      <path d={d.trim()} fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinejoin="round" />
    </svg>
  );
}
