import type { Metadata } from "next";
import { EmptyState } from "@/components/notice";

export const metadata: Metadata = { title: "Chats" };

export default function RoomsPage() {
  return (
    <div className="flex flex-1 items-center justify-center bg-slate-50">
      <EmptyState title="Pick a conversation">
        <p className="text-sm">Choose a chat on the left, or start a new one.</p>
      </EmptyState>
    </div>
  );
}
