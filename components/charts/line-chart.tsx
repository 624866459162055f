import { Legend } from "./bar-chart";
import { linePaths, niceMax, ticks } from "./scale";

export type LineSeries = { label: string; colour: string; values: readonly (number | null)[]; dashed?: boolean };

const W = 640;
const H = 180;
const LEFT = 56;
const BOTTOM = 20;

/** Lines over buckets in SVG; a bucket without a value leaves a gap. `format` writes the axis values. */
export function LineChart({
  series,
  labels,
  title,
  summary,
  format,
  max,
  testId,
}: {
  series: LineSeries[];
  labels: readonly string[];
  title: string;
  summary: string;
  format: (v: number) => string;
  max?: number;
  testId?: string;
}) {
  const top = max ?? niceMax(Math.max(0, ...series.flatMap((s) => s.values.filter((v): v is number => v !== null))));
  const plotW = W - LEFT - 8;
  const plotH = H - BOTTOM - 6;
  const every = Math.max(1, Math.ceil(labels.length / 8));
  const step = labels.length > 1 ? plotW / (labels.length - 1) : 0;
  return (
    <figure className="min-w-0" data-testid={testId}>
      <figcaption className="mb-1 text-sm font-semibold">{title}</figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`${title}: ${summary}`} className="h-auto w-full text-slate-600 dark:text-slate-300">
        {ticks(top).map((t) => {
          const y = 6 + plotH - (t / top) * plotH;
          return (
            <g key={t}>
              <line x1={LEFT} x2={W - 8} y1={y} y2={y} stroke="currentColor" strokeOpacity={0.15} />
              <text x={LEFT - 4} y={y + 4} textAnchor="end" fontSize={11} fill="currentColor">
                {format(t)}
              </text>
            </g>
          );
        })}
        <g transform={`translate(${LEFT},6)`}>
          {series.map((s) =>
            linePaths(s.values, top, plotW, plotH).map((d, i) => (
              <path
                key={`${s.label}-${i}`}
                d={d}
                fill="none"
                stroke={s.colour}
                strokeWidth={2}
                strokeLinecap="round"
                strokeLinejoin="round"
                strokeDasharray={s.dashed ? "5 4" : undefined}
              />
            )),
          )}
        </g>
        {labels.map((label, i) =>
          i % every === 0 ? (
            <text key={label} x={LEFT + i * step} y={H - 5} textAnchor="middle" fontSize={11} fill="currentColor">
              {label}
            </text>
          ) : null,
        )}
      </svg>
      <Legend items={series} />
    </figure>
  );
}
