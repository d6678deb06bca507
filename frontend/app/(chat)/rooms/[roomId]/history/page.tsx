import type { Metadata } from "next";
import { RoomHistoryView } from "@/components/room-history-view";

export const metadata: Metadata = { title: "Conversation history" };

export default async function RoomHistoryPage({ params }: { params: Promise<{ roomId: string }> }) {
  const { roomId } = await params;
  return <RoomHistoryView key={roomId} roomId={roomId} />;
}
