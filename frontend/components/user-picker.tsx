"use client";

import { useId, useState } from "react";
import type { PublicProfile } from "@/lib/api";
import { useContacts } from "@/hooks/use-contacts";
import { useUserSearch } from "@/hooks/use-user-search";
import { describeError } from "@/lib/errors";
import { Avatar } from "./avatar";
import { Notice } from "./notice";

/**
 * Search people by username or display name (contacts are offered before typing). `selected` marks
 * picked people; `exclude` hides people who cannot be picked (e.g. already in the room).
 */
export function UserPicker({
  onPick,
  selected = [],
  exclude = [],
  actionLabel,
  label = "Search people",
  suggestContacts = true,
}: {
  onPick: (user: PublicProfile) => void;
  selected?: string[];
  exclude?: string[];
  actionLabel: (user: PublicProfile, isSelected: boolean) => string;
  label?: string;
  suggestContacts?: boolean;
}) {
  const [query, setQuery] = useState("");
  const search = useUserSearch(query);
  const { contacts: allContacts } = useContacts();
  const contacts = suggestContacts ? allContacts : [];
  const inputId = useId();
  const typing = query.trim().length > 0;
  const people = (typing ? search.results : contacts).filter((u) => !exclude.includes(u.id));

  return (
    <div className="flex flex-col gap-2">
      <label htmlFor={inputId} className="text-sm font-medium text-slate-700">
        {label}
      </label>
      <input
        id={inputId}
        type="search"
        value={query}
        autoComplete="off"
        placeholder="Username or name"
        onChange={(e) => setQuery(e.target.value)}
        data-testid="user-search"
        className="rounded-lg border border-slate-300 px-3 py-2 text-base outline-none focus:border-indigo-500 focus:ring-2 focus:ring-indigo-200 sm:text-sm"
      />
      {search.status === "error" ? <Notice>{describeError(search.error)}</Notice> : null}
      <p className="text-xs text-slate-500" aria-live="polite">
        {typing
          ? search.status === "loading"
            ? "Searching…"
            : people.length === 0
              ? "Nobody found."
              : `${people.length} found`
          : contacts.length > 0
            ? "Your contacts"
            : "Type to find people."}
      </p>
      <ul className="flex max-h-64 flex-col gap-1 overflow-y-auto" data-testid="user-results">
        {people.map((user) => {
          const isSelected = selected.includes(user.id);
          return (
            <li key={user.id}>
              <button
                type="button"
                onClick={() => onPick(user)}
                aria-pressed={selected.length > 0 || isSelected ? isSelected : undefined}
                data-testid="user-result"
                data-username={user.username}
                className={`flex w-full items-center gap-3 rounded-lg px-2 py-1.5 text-left ${
                  isSelected ? "bg-indigo-50 ring-1 ring-indigo-200" : "hover:bg-slate-100"
                }`}
              >
                <Avatar name={user.displayName || user.username} size="sm" />
                <span className="min-w-0 flex-1">
                  <span className="block truncate text-sm font-medium">{user.displayName || user.username}</span>
                  <span className="block truncate text-xs text-slate-500">@{user.username}</span>
                </span>
                <span className="text-xs font-medium text-indigo-700">{actionLabel(user, isSelected)}</span>
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
