/** One metric over time as a hand-rolled SVG line (no chart library: ~1 KB instead of ~50 KB), scaled to `max`. */
export type ChartPoint = { at: number; value: number | null };

const W = 600;
const H = 140;
const PAD = { left: 36, right: 8, top: 8, bottom: 20 };

export function MetricChart({
  title,
  unit,
  points,
  from,
  to,
  max = 100,
  testId,
}: {
  title: string;
  unit: string;
  points: readonly ChartPoint[];
  from: number;
  to: number;
  max?: number;
  testId: string;
}) {
  const x = (at: number) => PAD.left + ((at - from) / Math.max(1, to - from)) * (W - PAD.left - PAD.right);
  const y = (v: number) => PAD.top + (1 - Math.min(max, Math.max(0, v)) / max) * (H - PAD.top - PAD.bottom);
  // A gap of more than 3 samples' spacing breaks the line (the agent was away).
  const spacing = points.length > 1 ? (points[points.length - 1]!.at - points[0]!.at) / (points.length - 1) : 0;
  let d = "";
  let prev: number | null = null;
  for (const p of points) {
    if (p.value === null) {
      prev = null;
      continue;
    }
    const jump = prev === null || (spacing > 0 && p.at - prev > spacing * 3);
    d += `${jump ? "M" : "L"}${x(p.at).toFixed(1)} ${y(p.value).toFixed(1)} `;
    prev = p.at;
  }
  const last = [...points].reverse().find((p) => p.value !== null);
  return (
    <figure className="min-w-0" data-testid={testId} data-points={points.filter((p) => p.value !== null).length}>
      <figcaption className="mb-1 flex items-baseline justify-between text-sm">
        <span className="font-medium">{title}</span>
        <span className="text-slate-600 dark:text-slate-400">{last?.value != null ? `${Math.round(last.value)}${unit} now` : "no samples"}</span>
      </figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} className="h-auto w-full text-sky-600 dark:text-sky-400" role="img" aria-label={`${title} over time`}>
        {[0, 0.5, 1].map((f) => (
          <g key={f} className="text-slate-300 dark:text-slate-700">
            <line x1={PAD.left} x2={W - PAD.right} y1={y(max * f)} y2={y(max * f)} stroke="currentColor" strokeWidth="1" />
            <text x={PAD.left - 4} y={y(max * f) + 4} textAnchor="end" fontSize="11" className="fill-slate-600 dark:fill-slate-400">
              {Math.round(max * f)}
              {unit}
            </text>
          </g>
        ))}
        <path d={d.trim()} fill="none" stroke="currentColor" strokeWidth="2" strokeLinejoin="round" vectorEffect="non-scaling-stroke" />
      </svg>
    </figure>
  );
}
