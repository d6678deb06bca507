"use client";

import { useCallback, useEffect, useState } from "react";
import { getApi, type ApiError, type Attachment } from "@/lib/api";

/**
 * An attachment's bytes as a blob URL: its content needs the bearer token, which `<img src>` cannot send.
 * Fetched once per mounted component and revoked when it goes.
 */
export function useAttachmentUrl(attachment: Attachment, enabled: boolean) {
  const [url, setUrl] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const path = attachment.url;

  useEffect(() => {
    if (!enabled) return;
    const controller = new AbortController();
    let objectUrl: string | null = null;
    getApi()
      .attachments.content({ url: path }, controller.signal)
      .then(
        (blob) => {
          objectUrl = URL.createObjectURL(blob);
          setUrl(objectUrl);
        },
        (e: ApiError) => !controller.signal.aborted && setError(e),
      );
    return () => {
      controller.abort();
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [path, enabled]);

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
