import type { AuditEntry } from "@/lib/api";
import { describeAuditEntry, type NameOf } from "@/lib/chat/history";
import { formatDay, formatTime } from "@/lib/format";
import { Button } from "./button";

/** The room's stored events, oldest first; each can be picked to see the room right after it. */
export function AuditLog({
  entries,
  nameOf,
  selectedSeq,
  onPick,
  hasMore,
  loading,
  onLoadMore,
}: {
  entries: AuditEntry[];
  nameOf: NameOf;
  selectedSeq: number | null;
  onPick: (seq: number) => void;
  hasMore: boolean;
  loading: boolean;
  onLoadMore: () => void;
}) {
  return (
    <div className="flex flex-col gap-2">
      <ol className="divide-y divide-slate-100 rounded-xl bg-surface ring-1 ring-slate-200" data-testid="audit-log">
        {entries.map((entry) => (
          <li key={entry.seq} data-testid="audit-entry" data-seq={entry.seq} data-type={entry.type}>
            <button
              type="button"
              onClick={() => onPick(entry.seq)}
              aria-current={selectedSeq === entry.seq ? "step" : undefined}
              className={`flex w-full items-baseline gap-3 px-3 py-2 text-left text-sm hover:bg-slate-50 ${selectedSeq === entry.seq ? "bg-indigo-50" : ""}`}
            >
              <span className="w-10 shrink-0 text-right font-mono text-xs text-slate-400">#{entry.seq}</span>
              <span className="min-w-0 flex-1 break-words" data-testid="audit-text">{describeAuditEntry(entry, nameOf)}</span>
              <time dateTime={entry.at} className="shrink-0 text-xs text-slate-500" title={entry.at}>
                {formatDay(entry.at)} {formatTime(entry.at)}
              </time>
            </button>
          </li>
        ))}
      </ol>
      {hasMore ? (
        <Button variant="secondary" onClick={onLoadMore} busy={loading} data-testid="audit-more" className="self-center">
          Load more events
        </Button>
      ) : null}
    </div>
  );
}
