"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import type { Participant, PublicProfile, RoomType } from "@/lib/api";
import { refreshRooms } from "@/hooks/use-rooms";
import { useToasts } from "@/hooks/use-toasts";
import type { useRoomAdmin } from "@/hooks/use-room-admin";
import { describeError } from "@/lib/errors";
import { Button } from "./button";
import { ConfirmDialog } from "./confirm-dialog";
import { Field } from "./field";
import { ParticipantRow } from "./participant-row";
import { UserPicker } from "./user-picker";

type Admin = ReturnType<typeof useRoomAdmin>;
type Pending = { kind: "leave" } | { kind: "delete" } | { kind: "remove"; participant: Participant } | null;

/** Everything about a room that is not its messages: name, people, roles, leaving and deleting. */
export function RoomDetailsPanel({
  name,
  type,
  participants,
  me,
  online,
  admin,
  onClose,
}: {
  name: string;
  type: RoomType;
  participants: Participant[];
  me: string;
  online: (userId: string) => boolean | null;
  admin: Admin;
  onClose: () => void;
}) {
  const router = useRouter();
  const { notify } = useToasts();
  const [draftName, setDraftName] = useState(name);
  const [renaming, setRenaming] = useState(false);
  const [adding, setAdding] = useState(false);
  const [confirm, setConfirm] = useState<Pending>(null);
  const myRole = participants.find((p) => p.userId === me)?.role;
  const isGroup = type === "GROUP";
  const canManage = isGroup && (myRole === "OWNER" || myRole === "ADMIN");
  const isOwner = myRole === "OWNER";

  const run = async (action: () => Promise<unknown>, done?: string) => {
    try {
      await action();
      if (done) notify(done);
    } catch (e) {
      notify(describeError(e), "error");
    }
  };

  const rename = async (event: FormEvent) => {
    event.preventDefault();
    if (!draftName.trim() || draftName.trim() === name) return;
    setRenaming(true);
    await run(() => admin.rename(draftName.trim()), "Conversation renamed");
    setRenaming(false);
  };

  const add = (user: PublicProfile) => run(() => admin.addParticipant(user.id, user.username), `${user.username} added`);

  const leaveOrDelete = async (action: () => Promise<unknown>) => {
    await action();
    await refreshRooms().catch(() => undefined);
    router.replace("/rooms");
  };

  return (
    <aside
      id="room-details"
      aria-label="Conversation details"
      data-testid="room-details"
      className="absolute inset-0 z-20 flex flex-col overflow-y-auto bg-surface lg:static lg:w-80 lg:border-l lg:border-slate-200"
    >
      <div className="flex items-center justify-between border-b border-slate-200 px-4 py-3">
        <h2 className="font-semibold">Details</h2>
        <button type="button" onClick={onClose} className="rounded-md px-2 py-1 text-sm text-slate-600 hover:bg-slate-100" data-testid="room-details-close">
          Close
        </button>
      </div>
      <div className="flex flex-col gap-6 p-4">
        {canManage ? (
          <form onSubmit={rename} className="flex items-end gap-2">
            <Field label="Name" className="flex-1" value={draftName} maxLength={100} onChange={(e) => setDraftName(e.target.value)} data-testid="rename-input" />
            <Button type="submit" variant="secondary" busy={renaming} disabled={!draftName.trim() || draftName.trim() === name} data-testid="rename-save">
              Save
            </Button>
          </form>
        ) : null}
        <section aria-labelledby="people-heading">
          <div className="flex items-center justify-between">
            <h3 id="people-heading" className="text-sm font-semibold text-slate-700">
              {participants.length} {participants.length === 1 ? "person" : "people"}
            </h3>
            {canManage ? (
              <button type="button" onClick={() => setAdding((a) => !a)} aria-expanded={adding} className="text-sm font-medium text-indigo-700 hover:underline" data-testid="add-participant-toggle">
                {adding ? "Done" : "Add people"}
              </button>
            ) : null}
          </div>
          {adding ? (
            <div className="mt-2 rounded-lg bg-slate-50 p-3">
              <UserPicker label="Add to this group" onPick={add} exclude={participants.map((p) => p.userId)} actionLabel={() => "Add"} />
            </div>
          ) : null}
          <ul className="mt-2 divide-y divide-slate-100">
            {participants.map((p) => (
              <ParticipantRow
                key={p.userId}
                participant={p}
                online={online(p.userId)}
                isMe={p.userId === me}
                canRemove={canManage && p.userId !== me && p.role !== "OWNER" && (isOwner || p.role === "MEMBER")}
                canChangeRole={isGroup && isOwner && p.userId !== me}
                onRemove={() => setConfirm({ kind: "remove", participant: p })}
                onRole={(role) => run(() => admin.setRole(p.userId, role), role === "ADMIN" ? `${p.username} is now an admin` : `${p.username} is no longer an admin`)}
              />
            ))}
          </ul>
        </section>
        <section className="flex flex-col gap-2 border-t border-slate-200 pt-4">
          {isGroup ? (
            <Button variant="secondary" onClick={() => setConfirm({ kind: "leave" })} data-testid="leave-room">
              Leave conversation
            </Button>
          ) : null}
          {isOwner ? (
            <Button variant="danger" onClick={() => setConfirm({ kind: "delete" })} data-testid="delete-room">
              Delete conversation
            </Button>
          ) : null}
        </section>
      </div>
      <ConfirmDialog
        open={confirm !== null}
        onClose={() => setConfirm(null)}
        title={confirm?.kind === "delete" ? "Delete this conversation?" : confirm?.kind === "leave" ? "Leave this conversation?" : "Remove this person?"}
        body={
          confirm?.kind === "delete"
            ? "All its messages disappear for everyone. This cannot be undone."
            : confirm?.kind === "leave"
              ? "You will stop receiving its messages. Someone must add you again to come back."
              : `${confirm?.kind === "remove" ? (confirm.participant.username ?? "They") : ""} will no longer see new messages here.`
        }
        confirmLabel={confirm?.kind === "delete" ? "Delete" : confirm?.kind === "leave" ? "Leave" : "Remove"}
        onConfirm={async () => {
          if (confirm?.kind === "delete") await leaveOrDelete(admin.deleteRoom);
          else if (confirm?.kind === "leave") await leaveOrDelete(admin.leave);
          else if (confirm?.kind === "remove") await admin.removeParticipant(confirm.participant.userId);
        }}
      />
    </aside>
  );
}
