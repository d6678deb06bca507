import type { Participant } from "@/lib/api";
import { Avatar } from "./avatar";

const ROLE_LABEL = { OWNER: "Owner", ADMIN: "Admin", MEMBER: null } as const;

export function ParticipantRow({
  participant,
  online,
  isMe,
  canRemove,
  canChangeRole,
  onRemove,
  onRole,
}: {
  participant: Participant;
  online: boolean | null;
  isMe: boolean;
  canRemove: boolean;
  canChangeRole: boolean;
  onRemove: () => void;
  onRole: (role: "ADMIN" | "MEMBER") => void;
}) {
  const name = participant.username ?? "Unknown";
  const role = ROLE_LABEL[participant.role];
  return (
    <li className="flex items-center gap-3 py-1.5" data-testid="participant" data-username={name} data-role={participant.role}>
      <Avatar name={name} size="sm" online={isMe ? undefined : online} />
      <span className="min-w-0 flex-1">
        <span className="block truncate text-sm font-medium">
          {name}
          {isMe ? <span className="text-slate-500"> (you)</span> : null}
        </span>
        {role ? <span className="text-xs text-indigo-700">{role}</span> : null}
      </span>
      {canChangeRole && participant.role !== "OWNER" ? (
        <button
          type="button"
          onClick={() => onRole(participant.role === "ADMIN" ? "MEMBER" : "ADMIN")}
          className="rounded px-2 py-1 text-xs font-medium text-indigo-700 hover:bg-indigo-50"
          data-testid="participant-role"
        >
          {participant.role === "ADMIN" ? "Remove admin" : "Make admin"}
        </button>
      ) : null}
      {canRemove ? (
        <button
          type="button"
          onClick={onRemove}
          aria-label={`Remove ${name}`}
          className="rounded px-2 py-1 text-xs font-medium text-rose-700 hover:bg-rose-50"
          data-testid="participant-remove"
        >
          Remove
        </button>
      ) : null}
    </li>
  );
}
