import { lagPolyline, type LagSample } from "@/lib/admin/projections";

const WIDTH = 120;
const HEIGHT = 28;

/** A projection's lag over the last minute or two, as a small line (plain SVG). */
export function LagChart({ name, samples }: { name: string; samples: readonly LagSample[] }) {
  const { points, max } = lagPolyline(samples, WIDTH, HEIGHT);
  const latest = samples[samples.length - 1]?.lag ?? 0;
  return (
    <svg
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      width={WIDTH}
      height={HEIGHT}
      role="img"
      aria-label={`Lag of ${name}: ${latest} events now, at most ${max} in the last ${samples.length} readings`}
      data-testid="lag-chart"
      data-samples={samples.length}
      className="overflow-visible"
    >
      <line x1={0} y1={HEIGHT} x2={WIDTH} y2={HEIGHT} stroke="currentColor" className="text-slate-200" strokeWidth={1} />
      {points ? (
        <polyline points={points} fill="none" stroke="currentColor" strokeWidth={1.5} strokeLinejoin="round" className={latest > 0 ? "text-amber-500" : "text-emerald-500"} />
      ) : null}
    </svg>
  );
}
