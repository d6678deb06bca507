import type { AuditEntry, AuditPage, Uuid } from "../api/types";

/** A person's name by id, or null while it is not known. */
export type NameOf = (userId: string) => string | null;

const str = (value: unknown): string | null => (typeof value === "string" ? value : null);

function who(nameOf: NameOf, userId: unknown): string {
  const id = str(userId);
  if (!id) return "someone";
  if (id === "system") return "the system";
  return nameOf(id) ?? "someone";
}

function quote(text: string | null, max = 80): string {
  if (text === null) return "";
  const flat = text.replace(/\s+/g, " ").trim();
  return `“${flat.length > max ? `${flat.slice(0, max - 1)}…` : flat}”`;
}

/** One stored event as a sentence for the history view ("Alice added Bob as member"). */
export function describeAuditEntry(entry: AuditEntry, nameOf: NameOf): string {
  const d = entry.data;
  const actor = who(nameOf, entry.actorId);
  switch (entry.type) {
    case "RoomCreated":
      return `${who(nameOf, d.createdBy)} created the ${str(d.type) === "DIRECT" ? "direct chat" : "group"} ${quote(str(d.name))}`;
    case "ParticipantAdded":
      return d.userId === d.addedBy
        ? `${who(nameOf, d.userId)} joined as ${String(d.role ?? "member").toLowerCase()}`
        : `${who(nameOf, d.addedBy)} added ${who(nameOf, d.userId)} as ${String(d.role ?? "member").toLowerCase()}`;
    case "ParticipantRemoved":
      return d.userId === d.by ? `${who(nameOf, d.userId)} left` : `${who(nameOf, d.by)} removed ${who(nameOf, d.userId)}`;
    case "ParticipantRoleChanged":
      return `${who(nameOf, d.by)} made ${who(nameOf, d.userId)} ${String(d.role ?? "").toLowerCase()}`;
    case "RoomRenamed":
      return `${who(nameOf, d.by)} renamed the room to ${quote(str(d.name))}`;
    case "RoomDeleted":
      return `${who(nameOf, d.by)} deleted the room`;
    case "MessagePosted":
      return `${who(nameOf, d.senderId)} wrote ${quote(str(d.content))}`;
    case "MessageEdited":
      return `${who(nameOf, d.editorId)} edited a message to ${quote(str(d.content))}`;
    case "MessageDeleted":
      return `${who(nameOf, d.by)} deleted a message`;
    case "MessageRestored":
      return `${who(nameOf, d.by)} restored a message`;
    case "ReadReceiptRecorded":
      return `${who(nameOf, d.userId)} read up to #${String(d.upToSeq ?? "?")}`;
    default:
      return `${actor}: ${entry.type}`;
  }
}

/** The people an audit page mentions, to look their names up once. */
export function mentionedUsers(entries: readonly AuditEntry[]): Uuid[] {
  const ids = new Set<Uuid>();
  const keys = ["userId", "addedBy", "by", "createdBy", "senderId", "editorId"];
  for (const entry of entries) {
    if (entry.actorId && entry.actorId !== "system") ids.add(entry.actorId);
    for (const key of keys) {
      const value = str(entry.data[key]);
      if (value) ids.add(value);
    }
  }
  return [...ids];
}

/** Appends a page, keeping entries unique and in seq order. */
export function appendAudit(entries: readonly AuditEntry[], page: AuditPage): AuditEntry[] {
  const bySeq = new Map(entries.map((e) => [e.seq, e]));
  for (const entry of page.items) bySeq.set(entry.seq, entry);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

/** `<input type="datetime-local">` value (local time, seconds) for an ISO instant, and back. */
export function toLocalInput(iso: string): string {
  const date = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

export function fromLocalInput(value: string): string | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}
