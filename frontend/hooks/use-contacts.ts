"use client";

import { useCallback, useEffect, useState } from "react";
import { getApi, type ApiError, type PublicProfile } from "@/lib/api";

/** The caller's contacts, with add and remove applied locally at once and confirmed by a refetch. */
export function useContacts() {
  const [contacts, setContacts] = useState<PublicProfile[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let active = true;
    getApi()
      .contacts.list()
      .then((page) => {
        if (!active) return;
        setContacts(page.items);
        setError(null);
      })
      .catch((e: ApiError) => {
        if (active) setError(e);
      });
    return () => {
      active = false;
    };
  }, [attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);

  const add = useCallback(async (user: PublicProfile) => {
    await getApi().contacts.add(user.id);
    setContacts((list) =>
      (list ?? []).some((c) => c.id === user.id)
        ? list
        : [...(list ?? []), user].sort((a, b) => a.username.localeCompare(b.username)),
    );
  }, []);

  const remove = useCallback(async (userId: string) => {
    await getApi().contacts.remove(userId);
    setContacts((list) => (list ?? []).filter((c) => c.id !== userId));
  }, []);

  return {
    contacts: contacts ?? [],
    status: contacts ? "ready" : error ? "error" : "loading",
    error,
    add,
    remove,
    reload,
  } as const;
}
