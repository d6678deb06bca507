"use client";

import { useCallback, useReducer, useRef } from "react";
import { getApi } from "@/lib/api";
import { MAX_ATTACHMENTS, readyAttachments, uploadsReducer } from "@/lib/chat/uploads";
import { describeError, messageForCode } from "@/lib/errors";

/**
 * Files picked for the next message: each uploads at once (`POST /api/attachments`) with its progress;
 * a refused one (too large, not an allowed type) stays with the server's reason until removed.
 */
export function useUploads() {
  const [uploads, dispatch] = useReducer(uploadsReducer, []);
  const controllers = useRef(new Map<string, AbortController>());
  const taken = uploads.length;

  const add = useCallback((files: readonly File[]) => {
    let room = MAX_ATTACHMENTS - taken;
    for (const file of files) {
      const localId = crypto.randomUUID();
      dispatch({ type: "started", localId, fileName: file.name, size: file.size });
      if (room <= 0) {
        dispatch({ type: "failed", localId, error: messageForCode("TOO_MANY_ATTACHMENTS") });
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
    dispatch({ type: "removed", localId });
  }, []);

  const clear = useCallback(() => dispatch({ type: "cleared" }), []);

  const { attachments, uploading } = readyAttachments(uploads);
  return { uploads, attachments, uploading, add, remove, clear };
}
