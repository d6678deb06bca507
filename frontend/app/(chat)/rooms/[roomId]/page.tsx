import type { Metadata } from "next";
import { ChatView } from "@/components/chat-view";

export const metadata: Metadata = { title: "Chat" };

export default async function RoomPage({ params }: { params: Promise<{ roomId: string }> }) {
  const { roomId } = await params;
  return <ChatView key={roomId} roomId={roomId} />;
}
