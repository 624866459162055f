import { niceMax, ticks } from "./scale";

export type BarSeries = { label: string; colour: string; values: readonly number[] };

const W = 640;
const H = 180;
const LEFT = 36;
const BOTTOM = 20;

/** Stacked bars per bucket, in SVG (no script, scales to its container); the summary goes in the label. */
export function BarChart({
  series,
  labels,
  title,
  summary,
  testId,
}: {
  series: BarSeries[];
  labels: readonly string[];
  title: string;
  summary: string;
  testId?: string;
}) {
  const n = labels.length;
  const totals = labels.map((_, i) => series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0));
  const top = niceMax(Math.max(0, ...totals));
  const plotW = W - LEFT;
  const plotH = H - BOTTOM;
  const slot = n > 0 ? plotW / n : plotW;
  const barW = Math.max(1, slot * 0.7);
  const every = Math.max(1, Math.ceil(n / 8));
  return (
    <figure className="min-w-0" data-testid={testId}>
      <figcaption className="mb-1 text-sm font-semibold">{title}</figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`${title}: ${summary}`} className="h-auto w-full text-slate-600 dark:text-slate-300">
        {ticks(top).map((t) => {
          const y = plotH - (t / top) * plotH;
          return (
            <g key={t}>
              <line x1={LEFT} x2={W} y1={y} y2={y} stroke="currentColor" strokeOpacity={0.15} />
              <text x={LEFT - 4} y={y + 4} textAnchor="end" fontSize={11} fill="currentColor">
                {Number.isInteger(t) ? t : t.toFixed(1)}
              </text>
            </g>
          );
        })}
        {labels.map((label, i) => {
          let y = plotH;
          return (
            <g key={label} data-total={totals[i]}>
              <title>{`${label}: ${series.map((s) => `${s.label} ${s.values[i] ?? 0}`).join(", ")}`}</title>
              {series.map((s) => {
                const h = ((s.values[i] ?? 0) / top) * plotH;
                y -= h;
                return h > 0 ? <rect key={s.label} x={LEFT + i * slot + (slot - barW) / 2} y={y} width={barW} height={h} fill={s.colour} /> : null;
              })}
              {i % every === 0 && (
                <text x={LEFT + i * slot + slot / 2} y={H - 5} textAnchor="middle" fontSize={11} fill="currentColor">
                  {label}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <Legend items={series} />
    </figure>
  );
}

export function Legend({ items }: { items: readonly { label: string; colour: string }[] }) {
  return (
    <ul className="mt-1 flex flex-wrap gap-x-3 gap-y-1 text-xs text-slate-700 dark:text-slate-300">
      {items.map((s) => (
        <li key={s.label} className="flex items-center gap-1">
          <span aria-hidden="true" className="inline-block size-2.5 rounded-sm" style={{ backgroundColor: s.colour }} />
          {s.label}
        </li>
      ))}
    </ul>
  );
}
