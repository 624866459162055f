import { linePaths, niceMax } from "./scale";

/** A word-sized trend line in SVG: `values` oldest first, null for a bucket without data. */
export function Sparkline({
  values,
  label,
  colour = "currentColor",
  max,
  testId,
}: {
  values: readonly (number | null)[];
  label: string;
  colour?: string;
  max?: number;
  testId?: string;
}) {
  const top = max ?? niceMax(Math.max(0, ...values.filter((v): v is number => v !== null)));
  return (
    <svg viewBox="0 0 120 28" role="img" aria-label={label} className="h-7 w-full max-w-32" data-testid={testId} preserveAspectRatio="none">
      {linePaths(values, top, 116, 24).map((d, i) => (
        <path
          key={i}
          d={d}
          transform="translate(2,2)"
          fill="none"
          stroke={colour}
          strokeWidth={1.75}
          strokeLinejoin="round"
          strokeLinecap="round"
          vectorEffect="non-scaling-stroke"
        />
      ))}
    </svg>
  );
}
