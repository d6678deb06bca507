"use client";

import Link from "next/link";
import { useCallback, useMemo, useState } from "react";
import type { Attachment, Message } from "@/lib/api";
import { pendingOnly } from "@/lib/chat/outbox";
import { myLastReadSeq } from "@/lib/chat/room-state";
import { describeError } from "@/lib/errors";
import { useMessageActions } from "@/hooks/use-message-actions";
import { usePresence } from "@/hooks/use-presence";
import { useQuotedMessages } from "@/hooks/use-quoted-messages";
import { useReadReceipts } from "@/hooks/use-read-receipts";
import { useRoom } from "@/hooks/use-room";
import { useRoomAdmin } from "@/hooks/use-room-admin";
import { useDraft } from "@/hooks/use-draft";
import { useOutbox } from "@/hooks/use-outbox";
import { useSession } from "@/hooks/use-session";
import { useTyping } from "@/hooks/use-typing";
import { Button } from "./button";
import { ChatHeader } from "./chat-header";
import { Composer } from "./composer";
import { ConfirmDialog } from "./confirm-dialog";
import type { MessageHandlers } from "./message-item";
import { MessageList } from "./message-list";
import { Notice, Spinner } from "./notice";
import { RoomDetailsPanel } from "./room-details-panel";
import { TypingIndicator } from "./typing-indicator";

function Closed({ title, body }: { title: string; body: string }) {
  return (
    <div className="flex flex-1 flex-col items-center justify-center gap-3 bg-slate-50 p-6 text-center" data-testid="room-closed" role="status">
      <p className="font-semibold">{title}</p>
      <p className="text-sm text-slate-600">{body}</p>
      <Link href="/rooms" className="text-sm font-medium text-indigo-700 hover:underline">
        Back to your chats
      </Link>
    </div>
  );
}

function directSubtitle(online: boolean | null): string {
  if (online === null) return "Direct message";
  return online ? "Online" : "Offline";
}

/** One conversation: header, live message history, composer and the details panel. */
export function ChatView({ roomId }: { roomId: string }) {
  const { user } = useSession();
  const me = user?.id ?? "";
  const room = useRoom(roomId);
  const { dispatch } = room;
  const onSent = useCallback((message: Message) => dispatch({ type: "messageChanged", message }), [dispatch]);
  const sender = useOutbox(roomId, me, onSent);
  const draft = useDraft(roomId, me);
  const actions = useMessageActions(dispatch);
  const admin = useRoomAdmin(roomId, dispatch);
  const { quoteOf } = useQuotedMessages(room.messages);
  const [replyTo, setReplyTo] = useState<Message | null>(null);
  const [deleting, setDeleting] = useState<Message | null>(null);
  const [detailsOpen, setDetailsOpen] = useState(false);
  const [seenSeq, setSeenSeq] = useState(0);
  const onSeen = useCallback((seq: number) => setSeenSeq((seen) => Math.max(seen, seq)), []);
  const isMember = room.participants.some((p) => p.userId === me);
  const typing = useTyping(roomId, me || null);
  const others = room.participants.filter((p) => p.userId !== me);
  const { online } = usePresence(others.map((p) => p.userId));

  useReadReceipts(roomId, seenSeq, myLastReadSeq(room.participants, me), room.status === "ready" && isMember);

  const { edit, restore } = actions;
  // Stable, so a message re-renders only when it changes (a long conversation stays quick to type in).
  const handlers = useMemo<MessageHandlers>(
    () => ({
      onReply: setReplyTo,
      onEdit: (message, content) => edit(message.id, content),
      onDelete: setDeleting,
      onRestore: (message) => restore(message.id),
      onJump: (id) => document.getElementById(`message-${id}`)?.scrollIntoView({ behavior: "smooth", block: "center" }),
    }),
    [edit, restore],
  );

  const send = (content: string, attachments: Attachment[]) => {
    sender.send(content, replyTo?.id ?? null, attachments);
    setReplyTo(null);
  };

  if (room.status === "loading") return <Spinner label="Loading conversation" />;
  if (room.status === "error") {
    const code = room.error && "code" in room.error ? room.error.code : null;
    if (code === "ROOM_NOT_FOUND" || code === "VALIDATION_FAILED" || code === "MALFORMED_REQUEST") {
      return <Closed title="Conversation not found" body="There is no conversation here: it was deleted, or the link is wrong." />;
    }
    if (code === "NOT_A_PARTICIPANT") {
      return <Closed title="Conversation unavailable" body={describeError(room.error)} />;
    }
    return (
      <div className="flex flex-1 items-center justify-center p-6">
        <Notice action={<Button variant="secondary" onClick={room.reload}>Retry</Button>}>{describeError(room.error)}</Notice>
      </div>
    );
  }
  if (room.gone) return <Closed title="This conversation was deleted" body="Its messages are no longer available." />;
  if (!room.room) return null;
  if (room.forbidden || !isMember) {
    return <Closed title="You are no longer in this conversation" body="You left or were removed. Someone can add you again." />;
  }

  const isGroup = room.room.type === "GROUP";
  const subtitle = isGroup
    ? room.participants.map((p) => (p.userId === me ? "you" : p.username)).filter(Boolean).join(", ")
    : directSubtitle(others[0] ? online(others[0].userId) : null);

  return (
    <div className="relative flex min-h-0 flex-1">
      <div className="flex min-h-0 min-w-0 flex-1 flex-col">
        <ChatHeader
          name={room.room.name}
          subtitle={subtitle}
          live={room.live.status}
          transport={room.live.transport}
          online={isGroup ? undefined : others[0] ? online(others[0].userId) : null}
          historyHref={`/rooms/${roomId}/history`}
          detailsOpen={detailsOpen}
          onToggleDetails={() => setDetailsOpen((open) => !open)}
        />
        <MessageList
          messages={room.messages}
          pending={pendingOnly(sender.outbox, room.messages)}
          participants={room.participants}
          me={me}
          isGroup={isGroup}
          firstUnread={room.firstUnread}
          seenSeq={seenSeq}
          hasOlder={room.hasOlder}
          loadingOlder={room.loadingOlder}
          olderError={room.olderError}
          loadOlder={room.loadOlder}
          quoteOf={quoteOf}
          handlers={handlers}
          onRetry={sender.retry}
          onDiscard={sender.discard}
          onSeen={onSeen}
        />
        <TypingIndicator label={typing.label} />
        <Composer
          onSend={send}
          replyTo={replyTo}
          onCancelReply={() => setReplyTo(null)}
          initialText={draft.initial}
          onDraftChange={draft.save}
          onTyping={typing.notifyTyping}
          onStopTyping={typing.stopTyping}
        />
      </div>
      {detailsOpen ? (
        <RoomDetailsPanel
          key={room.room.name}
          name={room.room.name}
          type={room.room.type}
          participants={room.participants}
          me={me}
          online={online}
          admin={admin}
          onClose={() => setDetailsOpen(false)}
        />
      ) : null}
      <ConfirmDialog
        open={deleting !== null}
        onClose={() => setDeleting(null)}
        title="Delete this message?"
        body="Everyone will see that a message was deleted. You can restore it later."
        confirmLabel="Delete"
        onConfirm={() => (deleting ? actions.remove(deleting.id) : Promise.resolve())}
      />
    </div>
  );
}
