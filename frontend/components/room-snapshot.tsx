import type { RoomStateAt } from "@/lib/api";
import type { NameOf } from "@/lib/chat/history";
import { formatTime } from "@/lib/format";

const ROLE = { OWNER: "owner", ADMIN: "admin", MEMBER: "member" } as const;

/** The room as it was at one point: its name then, who was in it, and its messages as they read then. */
export function RoomSnapshot({ state, nameOf }: { state: RoomStateAt; nameOf: NameOf }) {
  return (
    <div className="flex flex-col gap-3" data-testid="history-snapshot" data-seq={state.seq}>
      <div>
        <h3 className="font-semibold" data-testid="snapshot-name">
          {state.name}
          {state.deleted ? <span className="ml-2 text-xs font-medium text-rose-700">deleted</span> : null}
        </h3>
        <ul className="mt-1 flex flex-wrap gap-1.5" aria-label="Participants then">
          {state.participants.map((p) => (
            <li key={p.userId} className="rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-700" data-testid="snapshot-participant">
              {nameOf(p.userId) ?? "…"} <span className="text-slate-500">({ROLE[p.role]})</span>
            </li>
          ))}
        </ul>
      </div>
      {state.messages.length === 0 ? (
        <p className="text-sm text-slate-500">No messages yet at this point.</p>
      ) : (
        <ol className="flex flex-col gap-1.5" aria-label="Messages then">
          {state.messages.map((m) => (
            <li key={m.id} className="rounded-lg bg-surface px-3 py-1.5 text-sm ring-1 ring-slate-200" data-testid="snapshot-message" data-seq={m.seq}>
              <span className="text-xs font-semibold text-indigo-700">{nameOf(m.senderId) ?? "…"}</span>
              <span className="ml-2 text-xs text-slate-400">
                <time dateTime={m.createdAt}>{formatTime(m.createdAt)}</time>
                {m.editedAt && !m.deleted ? " · edited" : ""}
              </span>
              {m.deleted ? (
                <p className="italic text-slate-500" data-testid="snapshot-message-deleted">This message was deleted</p>
              ) : (
                <p className="break-words whitespace-pre-wrap" data-testid="snapshot-message-content">{m.content}</p>
              )}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
