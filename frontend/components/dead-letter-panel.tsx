"use client";

import { useState } from "react";
import type { DeadLetter, DeadLetterRetry } from "@/lib/api";
import { groupDeadLetters } from "@/lib/admin/projections";
import { describeError } from "@/lib/errors";
import { formatDay, formatTime } from "@/lib/format";
import { Button } from "./button";
import { EmptyState } from "./notice";

/** Events a projection failed on, by processing group, each group with a Retry. */
export function DeadLetterPanel({
  letters,
  onRetry,
  notify,
}: {
  letters: DeadLetter[];
  onRetry: (processingGroup: string) => Promise<DeadLetterRetry>;
  notify: (text: string, tone: "info" | "error") => void;
}) {
  const [busy, setBusy] = useState<string | null>(null);

  const retry = async (group: string) => {
    setBusy(group);
    try {
      const { retried, remaining } = await onRetry(group);
      notify(`${group}: ${retried} retried, ${remaining} still failing.`, remaining > 0 ? "error" : "info");
    } catch (e) {
      notify(`Could not retry ${group}: ${describeError(e)}`, "error");
    } finally {
      setBusy(null);
    }
  };

  const groups = groupDeadLetters(letters);
  if (groups.length === 0) {
    return (
      <div data-testid="dead-letters-empty">
        <EmptyState title="No dead letters">
          <p className="text-sm">Every projection has handled every event so far.</p>
        </EmptyState>
      </div>
    );
  }
  return (
    <ul className="flex flex-col gap-3" data-testid="dead-letter-groups">
      {groups.map((g) => (
        <li key={g.processingGroup} className="rounded-xl bg-surface ring-1 ring-slate-200" data-testid="dead-letter-group" data-group={g.processingGroup}>
          <div className="flex items-center justify-between gap-3 border-b border-slate-100 px-3 py-2">
            <p className="text-sm">
              <span className="font-semibold">{g.processingGroup}</span>{" "}
              <span className="text-slate-500">· {g.letters.length} event{g.letters.length === 1 ? "" : "s"} since {formatDay(g.since)} {formatTime(g.since)}</span>
            </p>
            <Button variant="secondary" className="!px-3 !py-1" busy={busy === g.processingGroup} onClick={() => retry(g.processingGroup)} data-testid="dead-letter-retry">
              Retry
            </Button>
          </div>
          <ul className="divide-y divide-slate-100 text-xs">
            {g.letters.map((l) => (
              <li key={l.id} className="grid gap-0.5 px-3 py-2 sm:grid-cols-[10rem_1fr]" data-testid="dead-letter">
                <span className="font-mono text-slate-500">{l.globalIndex === null ? "" : `#${l.globalIndex} · `}{l.eventType}</span>
                <span className="break-words text-rose-800">
                  {l.causeType ?? "Unknown failure"}
                  {l.causeMessage ? `: ${l.causeMessage}` : ""}
                </span>
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ul>
  );
}
