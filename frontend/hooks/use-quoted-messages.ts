"use client";

import { useCallback, useEffect, useState } from "react";
import { getApi, type Message } from "@/lib/api";

export type Quote = { status: "loading" } | { status: "missing" } | { status: "ready"; message: Message };

/**
 * The originals that replies quote. Messages in the loaded window are used as they are (so edits and
 * deletes show in quotes too); older originals are fetched once each.
 */
export function useQuotedMessages(messages: readonly Message[]) {
  const [fetched, setFetched] = useState<Record<string, Message | "missing">>({});

  const wanted = new Set<string>();
  const loaded = new Map(messages.map((m) => [m.id, m]));
  for (const m of messages) {
    if (m.replyToMessageId && !loaded.has(m.replyToMessageId)) wanted.add(m.replyToMessageId);
  }
  const missingKey = [...wanted].filter((id) => !(id in fetched)).sort().join(",");

  useEffect(() => {
    if (!missingKey) return;
    let active = true;
    for (const id of missingKey.split(",")) {
      getApi()
        .messages.get(id)
        .then(
          (message) => active && setFetched((f) => ({ ...f, [id]: message })),
          () => active && setFetched((f) => ({ ...f, [id]: "missing" })),
        );
    }
    return () => {
      active = false;
    };
  }, [missingKey]);

  const quoteOf = useCallback(
    (id: string): Quote => {
      const local = messages.find((m) => m.id === id);
      if (local) return { status: "ready", message: local };
      const remote = fetched[id];
      if (remote === "missing") return { status: "missing" };
      return remote ? { status: "ready", message: remote } : { status: "loading" };
    },
    [messages, fetched],
  );

  return { quoteOf };
}
