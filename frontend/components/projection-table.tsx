"use client";

import { useState } from "react";
import type { ProjectionStatus } from "@/lib/api";
import { percent, type LagHistory } from "@/lib/admin/projections";
import type { RebuildOutcome } from "@/hooks/use-projections";
import { describeError } from "@/lib/errors";
import { Button } from "./button";
import { LagChart } from "./lag-chart";

function rebuildMessage(name: string, outcome: RebuildOutcome): { text: string; tone: "info" | "error" } {
  if (outcome.ok) return { text: `Rebuild of ${name} started.`, tone: "info" };
  if (outcome.error.status === 409) return { text: `A rebuild of ${name} is already running.`, tone: "info" };
  return { text: `Could not rebuild ${name}: ${describeError(outcome.error)}`, tone: "error" };
}

/** One row per projection: where it is in the event store, how far behind, a lag chart, and Rebuild. */
export function ProjectionTable({
  projections,
  history,
  onRebuild,
  notify,
}: {
  projections: ProjectionStatus[];
  history: LagHistory;
  onRebuild: (name: string) => Promise<RebuildOutcome>;
  notify: (text: string, tone: "info" | "error") => void;
}) {
  const [busy, setBusy] = useState<string | null>(null);

  const rebuild = async (name: string) => {
    setBusy(name);
    const { text, tone } = rebuildMessage(name, await onRebuild(name));
    setBusy(null);
    notify(text, tone);
  };

  return (
    <div className="overflow-x-auto rounded-xl bg-surface ring-1 ring-slate-200">
      <table className="w-full text-left text-sm" data-testid="projection-table">
        <thead className="border-b border-slate-200 text-xs text-slate-500 uppercase">
          <tr>
            <th scope="col" className="px-3 py-2 font-medium">Projection</th>
            <th scope="col" className="px-3 py-2 font-medium">Status</th>
            <th scope="col" className="px-3 py-2 text-right font-medium">Position</th>
            <th scope="col" className="px-3 py-2 text-right font-medium">Lag</th>
            <th scope="col" className="px-3 py-2 font-medium">Lag, last readings</th>
            <th scope="col" className="px-3 py-2"><span className="sr-only">Actions</span></th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {projections.map((p) => (
            <tr key={p.name} data-testid="projection-row" data-name={p.name} data-replaying={p.replaying} data-progress={p.progress} data-last-rebuild={p.lastRebuild ?? ""}>
              <th scope="row" className="px-3 py-2 font-medium">{p.name}</th>
              <td className="px-3 py-2">
                <span className={p.status === "RUNNING" ? "text-emerald-700" : "text-amber-700"}>{p.status.toLowerCase()}</span>
                {p.replaying || p.lastRebuild === "DONE" ? (
                  <span className="ml-2 inline-flex items-center gap-1.5" data-testid="projection-progress">
                    <span
                      className="h-1.5 w-16 overflow-hidden rounded bg-slate-200"
                      role="progressbar"
                      aria-label={`Rebuild of ${p.name}`}
                      aria-valuemin={0}
                      aria-valuemax={100}
                      aria-valuenow={Math.round(p.progress * 100)}
                    >
                      <span className="block h-full bg-indigo-500" style={{ width: percent(p.progress) }} />
                    </span>
                    <span className="text-xs text-slate-600">{p.replaying ? "rebuilding" : "rebuilt"} {percent(p.progress)}</span>
                  </span>
                ) : null}
                {p.lastRebuild === "FAILED" || p.lastRebuild === "ABANDONED" ? (
                  <span className="ml-2 text-xs text-red-700" data-testid="projection-rebuild-failed" title={p.rebuildError ?? undefined}>
                    last rebuild {p.lastRebuild.toLowerCase()}
                  </span>
                ) : null}
              </td>
              <td className="px-3 py-2 text-right font-mono text-xs">{p.position} / {p.headPosition}</td>
              <td className="px-3 py-2 text-right font-mono text-xs" data-testid="projection-lag">{p.lag}</td>
              <td className="px-3 py-2"><LagChart name={p.name} samples={history[p.name] ?? []} /></td>
              <td className="px-3 py-2 text-right">
                <Button variant="secondary" className="!px-3 !py-1" busy={busy === p.name} disabled={p.replaying} onClick={() => rebuild(p.name)} data-testid="projection-rebuild">
                  Rebuild
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
