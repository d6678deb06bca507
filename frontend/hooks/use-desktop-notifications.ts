"use client";

import { useCallback, useSyncExternalStore } from "react";
import type { Message, RoomSummary } from "@/lib/api";
import { noticeFor } from "@/lib/chat/notify";

type Permission = "default" | "granted" | "denied" | "unsupported";

const listeners = new Set<() => void>();
const keyFor = (userId: string) => `eventchat.notifications.${userId}`;
let opener: ((roomId: string) => void) | null = null;

function supported(): boolean {
  return typeof window !== "undefined" && "Notification" in window;
}

function permission(): Permission {
  return supported() ? (Notification.permission as Permission) : "unsupported";
}

function optedIn(userId: string): boolean {
  return typeof window !== "undefined" && window.localStorage.getItem(keyFor(userId)) === "on";
}

function changed() {
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The room a person is looking at right now, if any: no notification for what is already on screen. */
function watching(roomId: string): boolean {
  return window.location.pathname === `/rooms/${roomId}` && document.visibilityState === "visible" && document.hasFocus();
}

/**
 * Shows a desktop notification for a new message when this person opted in, the browser allows it,
 * and the message is for them (a direct message or a mention) in a room they are not looking at.
 */
export function notifyOfMessage(message: Message, room: RoomSummary | null, me: { id: string; username: string }): void {
  if (!supported() || !optedIn(me.id) || permission() !== "granted" || watching(message.roomId)) return;
  const notice = noticeFor(message, room, me);
  if (!notice) return;
  try {
    const shown = new Notification(notice.title, { body: notice.body, tag: notice.tag });
    shown.onclick = () => {
      window.focus();
      opener?.(notice.roomId);
      shown.close();
    };
  } catch {
    // Some browsers allow notifications only from a service worker; the unread badge still tells.
  }
}

/** Where clicking a notification goes (the app's router). */
export function setNotificationOpener(open: ((roomId: string) => void) | null): void {
  opener = open;
}

/** The opt-in: asks the browser's permission the first time, and remembers the choice per person. */
export function useDesktopNotifications(userId: string | null) {
  const state = useSyncExternalStore(
    subscribe,
    () => `${permission()}|${userId ? optedIn(userId) : false}`,
    () => "unsupported|false",
  );
  const [current, on] = state.split("|") as [Permission, string];
  const enabled = on === "true" && current === "granted";

  const toggle = useCallback(async () => {
    if (!userId || !supported()) return;
    if (enabled) {
      window.localStorage.removeItem(keyFor(userId));
      changed();
      return;
    }
    const answer = Notification.permission === "granted" ? "granted" : await Notification.requestPermission();
    if (answer === "granted") window.localStorage.setItem(keyFor(userId), "on");
    changed();
  }, [userId, enabled]);

  return { permission: current, enabled, toggle };
}
