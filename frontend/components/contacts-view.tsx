"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import type { PublicProfile } from "@/lib/api";
import { useContacts } from "@/hooks/use-contacts";
import { useCreateRoom } from "@/hooks/use-create-room";
import { usePresence } from "@/hooks/use-presence";
import { useToasts } from "@/hooks/use-toasts";
import { describeError } from "@/lib/errors";
import { Avatar } from "./avatar";
import { Button } from "./button";
import { EmptyState, Notice, Spinner } from "./notice";
import { UserPicker } from "./user-picker";

/** Your contacts: find people, add them, message them, remove them. */
export function ContactsView() {
  const router = useRouter();
  const { contacts, status, error, add, remove, reload } = useContacts();
  const { openDirect } = useCreateRoom();
  const { notify } = useToasts();
  const [busy, setBusy] = useState<string | null>(null);
  const { online } = usePresence(contacts.map((c) => c.id));

  const act = async (id: string, action: () => Promise<unknown>, done?: string) => {
    setBusy(id);
    try {
      await action();
      if (done) notify(done);
    } catch (e) {
      notify(describeError(e), "error");
    } finally {
      setBusy(null);
    }
  };

  const message = (user: PublicProfile) =>
    act(user.id, async () => {
      const room = await openDirect(user.id);
      if (room) router.push(`/rooms/${room.id}`);
    });

  return (
    <div className="flex-1 overflow-y-auto bg-slate-50">
      <div className="mx-auto flex max-w-2xl flex-col gap-6 px-4 py-6">
        <h1 className="text-xl font-semibold tracking-tight">Contacts</h1>
        <section className="rounded-2xl bg-surface p-4 shadow-sm ring-1 ring-slate-200" data-testid="contacts-search">
          <UserPicker
            label="Find people to add"
            onPick={(user) => act(user.id, () => add(user), `${user.username} added to contacts`)}
            selected={contacts.map((c) => c.id)}
            exclude={contacts.map((c) => c.id)}
            actionLabel={() => "Add contact"}
            suggestContacts={false}
          />
        </section>
        <section aria-labelledby="contacts-heading" className="rounded-2xl bg-surface p-2 shadow-sm ring-1 ring-slate-200">
          <h2 id="contacts-heading" className="px-2 pt-2 text-sm font-semibold text-slate-700">
            Your contacts {status === "ready" ? `(${contacts.length})` : ""}
          </h2>
          {status === "loading" ? <Spinner label="Loading contacts" /> : null}
          {status === "error" ? (
            <div className="p-2">
              <Notice action={<Button variant="secondary" onClick={reload}>Retry</Button>}>{describeError(error)}</Notice>
            </div>
          ) : null}
          {status === "ready" && contacts.length === 0 ? (
            <EmptyState title="No contacts yet">
              <p className="text-sm">Search above to add people you talk to often.</p>
            </EmptyState>
          ) : null}
          <ul className="divide-y divide-slate-100" data-testid="contact-list">
            {contacts.map((c) => (
              <li key={c.id} className="flex items-center gap-3 px-2 py-2" data-testid="contact-item" data-username={c.username}>
                <Avatar name={c.displayName || c.username} online={online(c.id) ?? c.online} />
                <span className="min-w-0 flex-1">
                  <span className="block truncate font-medium">{c.displayName || c.username}</span>
                  <span className="block truncate text-xs text-slate-500">@{c.username}</span>
                </span>
                <Button variant="secondary" className="!px-3 !py-1.5" onClick={() => message(c)} disabled={busy === c.id} data-testid="contact-message">
                  Message
                </Button>
                <Button variant="ghost" className="!px-3 !py-1.5 !text-rose-700" onClick={() => act(c.id, () => remove(c.id), `${c.username} removed`)}
                  disabled={busy === c.id} aria-label={`Remove ${c.username} from contacts`} data-testid="contact-remove">
                  Remove
                </Button>
              </li>
            ))}
          </ul>
        </section>
      </div>
    </div>
  );
}
