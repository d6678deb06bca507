import type { DeadLetter, ProjectionStatus } from "../api/types";

export interface LagSample {
  at: number;
  lag: number;
}

/** Each projection's recent lag readings, oldest first. */
export type LagHistory = Record<string, LagSample[]>;

/** Adds one reading per projection, keeping the newest `keep` of each (projections gone are dropped). */
export function recordLag(history: LagHistory, projections: readonly ProjectionStatus[], at: number, keep = 60): LagHistory {
  const next: LagHistory = {};
  for (const p of projections) next[p.name] = [...(history[p.name] ?? []), { at, lag: Math.max(0, p.lag) }].slice(-keep);
  return next;
}

/**
 * SVG polyline points for the readings in a `width` x `height` box: time runs left to right over the
 * window they span, lag bottom (0) to top (the largest reading, at least 1 so a flat zero stays at the bottom).
 */
export function lagPolyline(samples: readonly LagSample[], width: number, height: number): { points: string; max: number } {
  if (samples.length === 0) return { points: "", max: 0 };
  const max = Math.max(1, ...samples.map((s) => s.lag));
  const first = samples[0]!.at;
  const span = Math.max(1, samples[samples.length - 1]!.at - first);
  const round = (n: number) => Math.round(n * 10) / 10;
  const points = samples
    .map((s) => {
      const x = samples.length === 1 ? width : ((s.at - first) / span) * width;
      const y = height - (s.lag / max) * height;
      return `${round(x)},${round(y)}`;
    })
    .join(" ");
  return { points, max };
}

/** "42%" for a replay's progress (0..1), clamped. */
export function percent(progress: number): string {
  const value = Number.isFinite(progress) ? Math.min(1, Math.max(0, progress)) : 0;
  return `${Math.floor(value * 100)}%`;
}

export interface DeadLetterGroup {
  processingGroup: string;
  letters: DeadLetter[];
  /** The oldest enqueue time in the group. */
  since: string;
}

/** Dead letters by processing group (the unit the retry works on), groups and letters oldest first. */
export function groupDeadLetters(letters: readonly DeadLetter[]): DeadLetterGroup[] {
  const groups = new Map<string, DeadLetter[]>();
  for (const letter of letters) groups.set(letter.processingGroup, [...(groups.get(letter.processingGroup) ?? []), letter]);
  return [...groups.entries()]
    .map(([processingGroup, list]) => {
      const sorted = [...list].sort((a, b) => a.enqueuedAt.localeCompare(b.enqueuedAt) || (a.globalIndex ?? 0) - (b.globalIndex ?? 0));
      return { processingGroup, letters: sorted, since: sorted[0]!.enqueuedAt };
    })
    .sort((a, b) => a.since.localeCompare(b.since) || a.processingGroup.localeCompare(b.processingGroup));
}
