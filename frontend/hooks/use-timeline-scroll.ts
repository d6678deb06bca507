"use client";

import { useCallback, useEffect, useLayoutEffect, useRef, useState, type RefObject } from "react";
import type { Message } from "@/lib/api";
import { newestVisibleSeq } from "@/lib/chat/reading";

const NEAR_BOTTOM_PX = 80;
const MESSAGES = '[data-testid="message"][data-seq]';

/**
 * Where a conversation is scrolled. It opens at the "new messages" line when there is one (else at the
 * newest message), stays pinned to the bottom for someone reading there, also while pictures load and
 * grow the content, keeps still while older pages load above, and reports the newest message seen.
 */
export function useTimelineScroll({
  messages,
  pendingCount,
  hasDivider,
  onSeen,
}: {
  messages: readonly Message[];
  pendingCount: number;
  hasDivider: boolean;
  onSeen: (seq: number) => void;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  const content = useRef<HTMLDivElement>(null);
  const stick = useRef(true);
  const opened = useRef(false);
  const frame = useRef<number | null>(null);
  const anchor = useRef<{ firstId: string | undefined; height: number; top: number } | null>(null);
  const [atBottom, setAtBottom] = useState(true);

  const measure = useCallback(() => {
    if (frame.current !== null) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = null;
      const el = scroller.current;
      if (!el) return;
      const box = el.getBoundingClientRect();
      const seq = newestVisibleSeq(Array.from(el.querySelectorAll(MESSAGES)), { top: box.top, bottom: box.bottom });
      if (seq > 0) onSeen(seq);
    });
  }, [onSeen]);

  const remember = useCallback(() => {
    const el = scroller.current;
    if (!el) return;
    anchor.current = { firstId: anchor.current?.firstId, height: el.scrollHeight, top: el.scrollTop };
  }, []);

  const onScroll = useCallback(() => {
    const el = scroller.current;
    if (!el) return;
    // Content that grew under a reader at the bottom (a picture loaded) is no reason to let go of the bottom.
    const grew = anchor.current !== null && el.scrollHeight > anchor.current.height;
    if (stick.current && grew) {
      el.scrollTop = el.scrollHeight;
      remember();
      return;
    }
    stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < NEAR_BOTTOM_PX;
    setAtBottom(stick.current);
    remember();
    measure();
  }, [remember, measure]);

  const firstId = messages[0]?.id;
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el || messages.length === 0) return;
    const previous = anchor.current;
    if (!opened.current) {
      opened.current = true;
      const divider = hasDivider ? el.querySelector<HTMLElement>('[data-testid="unread-divider"]') : null;
      if (divider) {
        el.scrollTop += divider.getBoundingClientRect().top - el.getBoundingClientRect().top - 12;
        stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < NEAR_BOTTOM_PX;
      } else {
        el.scrollTop = el.scrollHeight;
        stick.current = true;
      }
      setAtBottom(stick.current);
    } else if (previous && previous.firstId !== undefined && previous.firstId !== firstId) {
      el.scrollTop = el.scrollHeight - previous.height + previous.top;
    } else if (stick.current) {
      el.scrollTop = el.scrollHeight;
    }
    anchor.current = { firstId, height: el.scrollHeight, top: el.scrollTop };
    measure();
  }, [firstId, messages, pendingCount, hasDivider, measure]);

  // Someone who just sent a message wants to see it.
  useEffect(() => {
    if (pendingCount === 0) return;
    stick.current = true;
    const el = scroller.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [pendingCount]);

  // Pictures load after the text and grow the content: a reader at the bottom stays at the bottom.
  useEffect(() => {
    const el = scroller.current;
    const inner = content.current;
    if (!el || !inner) return;
    const observer = new ResizeObserver(() => {
      if (stick.current) el.scrollTop = el.scrollHeight;
      remember();
      measure();
    });
    observer.observe(inner);
    observer.observe(el);
    return () => observer.disconnect();
  }, [remember, measure]);

  useEffect(() => () => {
    if (frame.current !== null) cancelAnimationFrame(frame.current);
  }, []);

  const jumpToLatest = useCallback(() => {
    const el = scroller.current;
    stick.current = true;
    if (el) el.scrollTo({ top: el.scrollHeight, behavior: "smooth" });
  }, []);

  return { scroller, content, onScroll, atBottom, jumpToLatest };
}

/** Loads older history when the top of the conversation comes near the viewport. */
export function useLoadOlderOnTop(scroller: RefObject<HTMLDivElement | null>, enabled: boolean, loadOlder: () => void) {
  const sentinel = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const root = scroller.current;
    const target = sentinel.current;
    if (!root || !target || !enabled) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) loadOlder();
    }, { root, rootMargin: "300px 0px 0px 0px" });
    observer.observe(target);
    return () => observer.disconnect();
  }, [scroller, enabled, loadOlder]);
  return sentinel;
}
