"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import type { PublicProfile } from "@/lib/api";
import { useCreateRoom } from "@/hooks/use-create-room";
import { describeError } from "@/lib/errors";
import { Button } from "./button";
import { Dialog } from "./dialog";
import { Field } from "./field";
import { Notice } from "./notice";
import { UserPicker } from "./user-picker";

type Mode = "direct" | "group";

export function NewChatDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const router = useRouter();
  const { createGroup, openDirect, pending, error } = useCreateRoom();
  const [mode, setMode] = useState<Mode>("direct");
  const [name, setName] = useState("");
  const [picked, setPicked] = useState<PublicProfile[]>([]);

  const close = () => {
    setName("");
    setPicked([]);
    onClose();
  };

  const go = (roomId: string) => {
    close();
    router.push(`/rooms/${roomId}`);
  };

  const startDirect = async (user: PublicProfile) => {
    const room = await openDirect(user.id);
    if (room) go(room.id);
  };

  const toggle = (user: PublicProfile) =>
    setPicked((list) => (list.some((u) => u.id === user.id) ? list.filter((u) => u.id !== user.id) : [...list, user]));

  const submitGroup = async (event: FormEvent) => {
    event.preventDefault();
    const room = await createGroup(name.trim(), picked.map((u) => u.id));
    if (room) go(room.id);
  };

  const tab = (value: Mode, label: string) => (
    <button
      type="button"
      role="tab"
      aria-selected={mode === value}
      onClick={() => setMode(value)}
      data-testid={`new-chat-tab-${value}`}
      className={`flex-1 rounded-md px-3 py-1.5 text-sm font-medium ${mode === value ? "bg-surface shadow-sm" : "text-slate-600"}`}
    >
      {label}
    </button>
  );

  return (
    <Dialog open={open} onClose={close} title="New chat" testId="new-chat-dialog" wide>
      <div role="tablist" aria-label="Kind of chat" className="mb-4 flex gap-1 rounded-lg bg-slate-100 p-1">
        {tab("direct", "Direct message")}
        {tab("group", "Group")}
      </div>
      {error ? (
        <div className="mb-3">
          <Notice>{describeError(error)}</Notice>
        </div>
      ) : null}
      {mode === "direct" ? (
        <UserPicker onPick={startDirect} actionLabel={() => (pending ? "Opening…" : "Message")} />
      ) : (
        <form onSubmit={submitGroup} className="flex flex-col gap-4">
          <Field label="Group name" value={name} maxLength={100} onChange={(e) => setName(e.target.value)} required data-testid="group-name" />
          {picked.length > 0 ? (
            <ul className="flex flex-wrap gap-1.5" aria-label="Picked people">
              {picked.map((u) => (
                <li key={u.id}>
                  <button type="button" onClick={() => toggle(u)} className="rounded-full bg-indigo-100 px-2.5 py-1 text-xs font-medium text-indigo-800 hover:bg-indigo-200" aria-label={`Remove ${u.username}`}>
                    {u.username} ✕
                  </button>
                </li>
              ))}
            </ul>
          ) : null}
          <UserPicker
            label="Add people"
            onPick={toggle}
            selected={picked.map((u) => u.id)}
            actionLabel={(_, isSelected) => (isSelected ? "Added ✓" : "Add")}
          />
          <Button type="submit" busy={pending} disabled={!name.trim()} data-testid="create-group-submit">
            Create group{picked.length > 0 ? ` with ${picked.length}` : ""}
          </Button>
        </form>
      )}
    </Dialog>
  );
}
