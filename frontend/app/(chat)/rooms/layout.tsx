import type { ReactNode } from "react";
import { RoomsSplitView } from "@/components/rooms-split-view";

export default function RoomsLayout({ children }: { children: ReactNode }) {
  return <RoomsSplitView>{children}</RoomsSplitView>;
}
