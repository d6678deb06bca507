"use client";

import { useParams } from "next/navigation";
import type { ReactNode } from "react";
import { RoomList } from "./room-list";

/** List and conversation side by side on wide screens; one at a time on phones. */
export function RoomsSplitView({ children }: { children: ReactNode }) {
  const { roomId } = useParams<{ roomId?: string }>();
  return (
    <div className="flex min-h-0 min-w-0 flex-1">
      <aside
        className={`${roomId ? "hidden md:flex" : "flex"} w-full min-w-0 flex-col border-r border-slate-200 bg-surface md:w-80 lg:w-96`}
      >
        <RoomList />
      </aside>
      <div className={`${roomId ? "flex" : "hidden md:flex"} min-h-0 min-w-0 flex-1 flex-col`}>{children}</div>
    </div>
  );
}
