"use client";

import { useCallback, useEffect, useReducer, useRef } from "react";
import { getApi } from "@/lib/api";
import { MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS, readyAttachments, uploadsReducer } from "@/lib/chat/uploads";
import { describeError, messageForCode, tooLargeMessage } from "@/lib/errors";

/**
 * Files picked for the next message: each uploads at once (`POST /api/attachments`) with its progress;
 * a refused one (too large, not an allowed type) stays with the reason until removed. A file over the
 * size limit is refused at once, without uploading it.
 */
export function useUploads() {
  const [uploads, dispatch] = useReducer(uploadsReducer, []);
  const controllers = useRef(new Map<string, AbortController>());
  const previews = useRef(new Map<string, string>());
  const taken = uploads.length;

  // object URLs hold the picked file in memory until revoked
  const release = useCallback((localId?: string) => {
    for (const [id, url] of previews.current) {
      if (localId === undefined || id === localId) {
        URL.revokeObjectURL(url);
        previews.current.delete(id);
      }
    }
  }, []);
  useEffect(() => () => release(), [release]);

  const add = useCallback((files: readonly File[]) => {
    let room = MAX_ATTACHMENTS - taken;
    for (const file of files) {
      const localId = crypto.randomUUID();
      const preview = /^image\/(jpeg|png|gif|webp)$/.test(file.type) ? URL.createObjectURL(file) : null;
      if (preview) previews.current.set(localId, preview);
      dispatch({ type: "started", localId, fileName: file.name, size: file.size, preview });
      if (room <= 0) {
        dispatch({ type: "failed", localId, error: messageForCode("TOO_MANY_ATTACHMENTS") });
        continue;
      }
      // Refused before uploading: a file over the limit would be sent in full only to be turned down.
      if (file.size > MAX_ATTACHMENT_BYTES) {
        dispatch({ type: "failed", localId, error: tooLargeMessage(undefined, MAX_ATTACHMENT_BYTES) });
        continue;
      }
      room -= 1;
      const controller = new AbortController();
      controllers.current.set(localId, controller);
      getApi()
        .attachments.upload(file, file.name, (progress) => dispatch({ type: "progress", localId, progress }), controller.signal)
        .then(
          (attachment) => dispatch({ type: "done", localId, attachment }),
          (error: unknown) => {
            if (!controller.signal.aborted) dispatch({ type: "failed", localId, error: describeError(error) });
          },
        )
        .finally(() => controllers.current.delete(localId));
    }
  }, [taken]);

  const remove = useCallback((localId: string) => {
    controllers.current.get(localId)?.abort();
    release(localId);
    dispatch({ type: "removed", localId });
  }, [release]);

  const clear = useCallback(() => {
    release();
    dispatch({ type: "cleared" });
  }, [release]);

  const { attachments, uploading } = readyAttachments(uploads);
  return { uploads, attachments, uploading, add, remove, clear };
}
