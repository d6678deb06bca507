"use client";

import { useCallback, useEffect, useState } from "react";
import { ApiError, getApi, type Attachment } from "@/lib/api";

/**
 * An attachment's bytes as a blob URL: its content needs the bearer token, which `<img src>` cannot send.
 * `thumbnail` asks for the server's small preview, and falls back to the full file only for images that
 * have none (WebP). Fetched once per mounted component and revoked when it goes.
 */
export function useAttachmentUrl(attachment: Attachment, enabled: boolean, variant: "content" | "thumbnail" = "content") {
  const [url, setUrl] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const { id, url: path } = attachment;

  useEffect(() => {
    if (!enabled) return;
    const controller = new AbortController();
    const { signal } = controller;
    const api = getApi().attachments;
    let objectUrl: string | null = null;
    const read =
      variant === "thumbnail"
        ? api.thumbnail({ id }, signal).catch((e: unknown) => {
            if (e instanceof ApiError && e.code === "THUMBNAIL_NOT_AVAILABLE") return api.content({ url: path }, signal);
            throw e;
          })
        : api.content({ url: path }, signal);
    read.then(
      (blob) => {
        if (signal.aborted) return;
        objectUrl = URL.createObjectURL(blob);
        setUrl(objectUrl);
      },
      (e: ApiError) => !signal.aborted && setError(e),
    );
    return () => {
      controller.abort();
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [id, path, enabled, variant]);

  return { url, error };
}

/** Saves an attachment as a file: fetched with the token, then handed to the browser as a download. */
export function useAttachmentDownload() {
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  const download = useCallback(async (attachment: Attachment) => {
    setBusy(attachment.id);
    setError(null);
    try {
      const blob = await getApi().attachments.content(attachment);
      const href = URL.createObjectURL(blob);
      const link = document.createElement("a");
      link.href = href;
      link.download = attachment.fileName;
      link.rel = "noopener";
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(href), 60_000);
    } catch (e) {
      setError(e as ApiError);
    } finally {
      setBusy(null);
    }
  }, []);

  return { download, busy, error };
}
