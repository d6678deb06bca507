"use client";

import Link from "next/link";
import { useRoomAudit } from "@/hooks/use-room-audit";
import { useRoomStateAt } from "@/hooks/use-room-state-at";
import { useUserNames } from "@/hooks/use-user-names";
import { mentionedUsers } from "@/lib/chat/history";
import { describeError } from "@/lib/errors";
import { AuditLog } from "./audit-log";
import { Button } from "./button";
import { HistorySlider } from "./history-slider";
import { Notice, Spinner } from "./notice";
import { RoomSnapshot } from "./room-snapshot";

/**
 * A room's history from its event store: the room as it was at any point (slider, date and time) and the
 * log of every stored event.
 */
export function RoomHistoryView({ roomId }: { roomId: string }) {
  const audit = useRoomAudit(roomId);
  const at = useRoomStateAt(roomId);
  const { state } = at;
  const ids = [
    ...mentionedUsers(audit.entries),
    ...(state?.participants.map((p) => p.userId) ?? []),
    ...(state?.messages.map((m) => m.senderId) ?? []),
  ];
  const { nameOf } = useUserNames(ids);
  const selected = "atSeq" in at.point ? at.point.atSeq : null;

  return (
    <div className="flex min-h-0 flex-1 flex-col bg-slate-50" data-testid="room-history">
      <header className="flex items-center gap-2 border-b border-slate-200 bg-surface px-3 py-3 sm:px-4">
        <Link href={`/rooms/${roomId}`} className="rounded-lg p-2 text-slate-600 hover:bg-slate-100" aria-label="Back to the conversation" data-testid="history-back">
          <svg viewBox="0 0 20 20" className="size-5" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden>
            <path d="M12.5 4l-6 6 6 6" strokeLinecap="round" strokeLinejoin="round" />
          </svg>
        </Link>
        <div className="min-w-0">
          <h1 className="truncate font-semibold">History</h1>
          <p className="truncate text-xs text-slate-500">{state ? state.name : "Loading…"} · rebuilt from the stored events</p>
        </div>
      </header>
      <div className="min-h-0 flex-1 overflow-y-auto">
        <div className="mx-auto flex max-w-3xl flex-col gap-6 px-4 py-4">
          <section aria-labelledby="history-point" className="flex flex-col gap-3 rounded-2xl bg-surface p-4 shadow-sm ring-1 ring-slate-200">
            <h2 id="history-point" className="text-sm font-semibold text-slate-700">The room at a point in time</h2>
            {at.error ? (
              <Notice action={<Button variant="secondary" onClick={at.showNow}>Show now</Button>} testId="history-error">
                {at.error.code === "ROOM_NOT_FOUND" ? "The room did not exist yet at that time." : describeError(at.error)}
              </Notice>
            ) : null}
            {state ? (
              <>
                <HistorySlider
                  seq={state.seq}
                  latestSeq={at.latestSeq}
                  at={state.at}
                  onSeq={at.showSeq}
                  onInstant={at.showInstant}
                  onNow={at.showNow}
                />
                <div aria-busy={at.loading} className={at.loading ? "opacity-60" : ""}>
                  <RoomSnapshot state={state} nameOf={nameOf} />
                </div>
              </>
            ) : at.loading ? (
              <Spinner label="Rebuilding the room" />
            ) : null}
          </section>
          <section aria-labelledby="history-log" className="flex flex-col gap-2">
            <h2 id="history-log" className="text-sm font-semibold text-slate-700">Every event, in order</h2>
            {audit.error ? <Notice action={<Button variant="secondary" onClick={audit.loadMore}>Retry</Button>}>{describeError(audit.error)}</Notice> : null}
            {audit.entries.length === 0 && audit.loading ? <Spinner label="Loading events" /> : null}
            <AuditLog
              entries={audit.entries}
              nameOf={nameOf}
              selectedSeq={selected}
              onPick={at.showSeq}
              hasMore={audit.hasMore}
              loading={audit.loading}
              onLoadMore={audit.loadMore}
            />
          </section>
        </div>
      </div>
    </div>
  );
}
