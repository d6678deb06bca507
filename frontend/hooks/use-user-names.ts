"use client";

import { useEffect, useState } from "react";
import { getApi } from "@/lib/api";

/** Names already looked up on this page, by user id (null: the person could not be found). */
const known = new Map<string, string | null>();

/**
 * Names for user ids that views only have ids for (the room's past state, its audit log): taken from
 * `seed` (e.g. the room's participants) when there, otherwise looked up once each (`GET /api/users/{id}`).
 */
export function useUserNames(userIds: readonly string[], seed: Record<string, string> = {}) {
  const [version, setVersion] = useState(0);
  const seedKey = JSON.stringify(seed);
  const missing = [...new Set(userIds)].filter((id) => !known.has(id) && !(id in seed)).sort().join(",");

  useEffect(() => {
    for (const [id, name] of Object.entries(JSON.parse(seedKey) as Record<string, string>)) known.set(id, name);
  }, [seedKey]);

  useEffect(() => {
    if (!missing) return;
    let active = true;
    Promise.all(
      missing.split(",").map((id) =>
        getApi()
          .users.get(id)
          .then((user) => known.set(id, user.displayName || user.username))
          .catch(() => known.set(id, null)),
      ),
    ).then(() => active && setVersion((v) => v + 1));
    return () => {
      active = false;
    };
  }, [missing]);

  // `version` changes when lookups land, so this component re-renders and reads `known` again.
  const nameOf = (userId: string): string | null => seed[userId] ?? known.get(userId) ?? null;
  return { nameOf, version };
}
