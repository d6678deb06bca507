"use client";

import { useCallback, useEffect, useState } from "react";
import { activeTypists, applyRoomSignal, typingLabel, typingThrottle, type Typist } from "@/lib/chat/typing";
import { getRealtime, getRoomSignals } from "@/lib/realtime";

const PRUNE_EVERY_MS = 500;

/**
 * Typing in a room: who else is typing (from `typing` frames, each dropped 5 s after its last renewal),
 * and telling the others while this person types (`SEND /app/rooms/{id}/typing`, throttled).
 */
export function useTyping(roomId: string, me: string | null) {
  const [typists, setTypists] = useState<Typist[]>([]);
  const [throttle] = useState(() => typingThrottle());
  const destination = `/app/rooms/${roomId}/typing`;

  useEffect(
    () =>
      getRoomSignals().on(roomId, (frame) => {
        const now = Date.now();
        setTypists((list) => applyRoomSignal(activeTypists(list, now), frame, now, me));
      }),
    [roomId, me],
  );

  const anyone = typists.length > 0;
  useEffect(() => {
    if (!anyone) return;
    const timer = setInterval(() => {
      const now = Date.now();
      setTypists((list) => {
        const active = activeTypists(list, now);
        return active.length === list.length ? list : active;
      });
    }, PRUNE_EVERY_MS);
    return () => clearInterval(timer);
  }, [anyone]);

  /** Call on every keystroke; sends at most one notice per renewal interval. */
  const notifyTyping = useCallback(() => {
    if (throttle.shouldSend(Date.now()) && !getRealtime().publish(destination, { typing: true })) throttle.reset();
  }, [throttle, destination]);

  /** Call when the message was sent or the draft cleared: others stop seeing the notice at once. */
  const stopTyping = useCallback(() => {
    if (throttle.announced(Date.now())) getRealtime().publish(destination, { typing: false });
    throttle.reset();
  }, [throttle, destination]);

  const names = typists.map((t) => t.username);
  return { typing: names, label: typingLabel(names), notifyTyping, stopTyping };
}
