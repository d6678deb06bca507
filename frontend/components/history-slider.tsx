"use client";

import { useState, type FormEvent } from "react";
import { fromLocalInput, toLocalInput } from "@/lib/chat/history";
import { formatDay, formatTime } from "@/lib/format";
import { Button } from "./button";

/**
 * Picking the point to look at: a slider over the room's events (1 … newest), a date and time to jump
 * to, and "Now". The slider follows the shown state, so a jump by time moves it to that event.
 */
export function HistorySlider({
  seq,
  latestSeq,
  at,
  onSeq,
  onInstant,
  onNow,
}: {
  seq: number;
  latestSeq: number;
  at: string;
  onSeq: (seq: number) => void;
  onInstant: (iso: string) => void;
  onNow: () => void;
}) {
  const [dragging, setDragging] = useState<number | null>(null);
  const [instant, setInstant] = useState("");
  const shown = dragging ?? seq;

  const jump = (event: FormEvent) => {
    event.preventDefault();
    const iso = fromLocalInput(instant);
    if (iso) onInstant(iso);
  };

  return (
    <div className="flex flex-col gap-3">
      <label htmlFor="history-slider" className="text-sm text-slate-700">
        After event <span className="font-semibold" data-testid="history-seq">#{shown}</span> of {latestSeq}
        {dragging === null ? (
          <span className="text-slate-500">
            {" "}
            · <time dateTime={at} data-testid="history-at">{formatDay(at)} {formatTime(at)}</time>
          </span>
        ) : null}
      </label>
      <input
        id="history-slider"
        type="range"
        min={1}
        max={Math.max(1, latestSeq)}
        step={1}
        value={shown}
        onChange={(e) => {
          const next = Number(e.target.value);
          setDragging(next);
          onSeq(next);
        }}
        onPointerUp={() => setDragging(null)}
        onKeyUp={() => setDragging(null)}
        onBlur={() => setDragging(null)}
        data-testid="history-slider"
        className="w-full accent-indigo-600"
      />
      <form onSubmit={jump} className="flex flex-wrap items-end gap-2">
        <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
          Show the room as it was at
          <input
            type="datetime-local"
            step={1}
            value={instant}
            onChange={(e) => setInstant(e.target.value)}
            onFocus={() => !instant && setInstant(toLocalInput(at))}
            data-testid="history-instant"
            className="rounded-lg border border-slate-300 px-2 py-1.5 text-sm text-slate-900"
          />
        </label>
        <Button type="submit" variant="secondary" disabled={!instant} data-testid="history-instant-go">
          Go
        </Button>
        <Button variant="ghost" onClick={onNow} data-testid="history-now">
          Now
        </Button>
      </form>
    </div>
  );
}
