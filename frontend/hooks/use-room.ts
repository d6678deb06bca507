"use client";

import { useCallback, useEffect, useReducer, useRef, useState } from "react";
import { getApi, type ApiError, type MessagePage, type RoomDetails, type RoomFrame } from "@/lib/api";
import { readAfterWrite } from "@/lib/api/catch-up";
import { isKnownRoom } from "@/lib/chat/known-rooms";
import { firstUnreadSeq, reachesFirstUnread } from "@/lib/chat/reading";
import { initialRoomState, myLastReadSeq, needsRefetch, replayFrom, roomReducer } from "@/lib/chat/room-state";
import { getRoomSignals } from "@/lib/realtime";
import { useRoomFrames } from "./use-room-frames";

const PAGE_SIZE = 50;
/** Older pages are read back to the first unread message, up to this many messages in all. */
const UNREAD_WINDOW = 1000;
const UNREAD_PAGE_SIZE = 200;

/** The newest page, extended with older pages until it holds the first message this person has not read. */
async function openingWindow(details: RoomDetails, newest: MessagePage, me: string, signal: AbortSignal): Promise<MessagePage> {
  const lastRead = myLastReadSeq(details.participants, me);
  let page = newest;
  while (!reachesFirstUnread(page, lastRead) && page.items.length < UNREAD_WINDOW && !signal.aborted) {
    const older = await getApi().messages.page(details.id, { before: page.nextCursor!, limit: UNREAD_PAGE_SIZE }, signal);
    page = { items: [...older.items, ...page.items], nextCursor: older.nextCursor };
  }
  return page;
}

type LoadState = { status: "loading" } | { status: "ready" } | { status: "error"; error: ApiError };

/**
 * An open room: its details and message window loaded once, then kept current by live frames.
 * Older history is fetched on demand with the `before` cursor.
 */
export function useRoom(roomId: string) {
  const [state, dispatch] = useReducer(roomReducer, initialRoomState);
  const [load, setLoad] = useState<LoadState>({ status: "loading" });
  const [since, setSince] = useState<number | null>(null);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const [olderError, setOlderError] = useState<ApiError | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [firstUnread, setFirstUnread] = useState<number | null>(null);
  const refetching = useRef(new Set<string>());

  useEffect(() => {
    const controller = new AbortController();
    const api = getApi();
    const { signal } = controller;
    const me = api.http.getSession().user?.id ?? "";
    const read = () => Promise.all([api.rooms.get(roomId, signal), api.messages.page(roomId, { limit: PAGE_SIZE }, signal)]);
    // A room opened right after it was created (or we were added) may not be readable for a moment; a room
    // this page has never heard of that answers 404 does not exist, and that is said at once.
    (isKnownRoom(roomId) ? readAfterWrite(read, { signal }) : read())
      .then(async ([details, newest]) => {
        const page = await openingWindow(details, newest, me, signal);
        if (signal.aborted) return;
        dispatch({ type: "loaded", details, page });
        setFirstUnread(firstUnreadSeq(page.items, myLastReadSeq(details.participants, me), me));
        setSince(replayFrom(page));
        setLoad({ status: "ready" });
      })
      .catch((error: ApiError) => {
        if (!controller.signal.aborted) setLoad({ status: "error", error });
      });
    return () => controller.abort();
  }, [roomId, attempt]);

  const onFrames = useCallback((frames: RoomFrame[]) => dispatch({ type: "frames", frames }), []);

  // The room deleted, or this person removed from it, as said on their personal queue: the room's own
  // subscription ends with their access and may not carry the frame.
  const [removed, setRemoved] = useState(false);
  useEffect(
    () =>
      getRoomSignals().on(roomId, (frame) => {
        if (frame.type === "room.deleted") dispatch({ type: "roomDeleted" });
        if (frame.type === "participant.removed" && frame.data.userId === getApi().http.getSession().user?.id) setRemoved(true);
      }),
    [roomId],
  );
  const live = useRoomFrames(roomId, since, onFrames);

  // A message restored before this client saw its text has none: fetch it (the read model may lag a moment).
  useEffect(() => {
    for (const message of needsRefetch(state.messages)) {
      if (refetching.current.has(message.id)) continue;
      refetching.current.add(message.id);
      const attemptFetch = async (tries: number): Promise<void> => {
        const fresh = await getApi().messages.get(message.id);
        if (fresh.deleted && tries > 0) {
          await new Promise((resolve) => setTimeout(resolve, 500));
          return attemptFetch(tries - 1);
        }
        if (!fresh.deleted) dispatch({ type: "messageChanged", message: fresh });
      };
      void attemptFetch(5)
        .catch(() => undefined)
        .finally(() => refetching.current.delete(message.id));
    }
  }, [state.messages]);

  const loadOlder = useCallback(async () => {
    if (state.olderCursor === null || loadingOlder) return;
    setLoadingOlder(true);
    setOlderError(null);
    try {
      const page = await getApi().messages.page(roomId, { before: state.olderCursor, limit: PAGE_SIZE });
      dispatch({ type: "olderLoaded", page });
    } catch (error) {
      setOlderError(error as ApiError);
    } finally {
      setLoadingOlder(false);
    }
  }, [roomId, state.olderCursor, loadingOlder]);

  const reload = useCallback(() => {
    setLoad({ status: "loading" });
    setSince(null);
    setAttempt((n) => n + 1);
  }, []);

  const gone = state.deleted || live.status === "gone";
  return {
    status: load.status,
    error: load.status === "error" ? load.error : null,
    room: state.room,
    /** The first message that was unread when the room was opened (where the "new messages" line goes). */
    firstUnread,
    participants: state.participants,
    messages: state.messages,
    hasOlder: state.olderCursor !== null,
    loadingOlder,
    olderError,
    loadOlder,
    reload,
    dispatch,
    live: { status: live.status, error: live.error, transport: live.transport },
    gone,
    forbidden: live.status === "forbidden" || removed,
  };
}
