"use client";

import { useEffect, useId, useRef, type KeyboardEvent } from "react";
import type { Attachment } from "@/lib/api";
import { useAttachmentDownload, useAttachmentUrl } from "@/hooks/use-attachment-url";
import { formatSize } from "@/lib/chat/uploads";
import { describeError } from "@/lib/errors";

const BUTTON = "rounded-lg px-3 py-1.5 text-sm font-medium text-white ring-1 ring-white/30 hover:bg-white/10 disabled:opacity-40";

/**
 * A message's pictures full size, in a modal dialog: Escape or Close ends it (focus goes back to the
 * picture that opened it), the arrow keys go through the message's pictures, Download saves the file.
 */
export function ImageViewer({
  images,
  index,
  onIndex,
  onClose,
}: {
  images: Attachment[];
  index: number;
  onIndex: (index: number) => void;
  onClose: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const image = images[index]!;
  const { url, error } = useAttachmentUrl(image, true, "content");
  const { download, busy, error: downloadError } = useAttachmentDownload();

  useEffect(() => {
    const dialog = ref.current;
    const opener = document.activeElement as HTMLElement | null;
    if (dialog && !dialog.open) dialog.showModal();
    return () => {
      if (dialog?.open) dialog.close();
      opener?.focus();
    };
  }, []);

  const go = (step: number) => onIndex((index + step + images.length) % images.length);
  // Keys and clicks stay in the viewer: the conversation behind it moves focus with the arrow keys too.
  const onKeyDown = (event: KeyboardEvent<HTMLDialogElement>) => {
    event.stopPropagation();
    if (images.length < 2) return;
    if (event.key === "ArrowRight") go(1);
    else if (event.key === "ArrowLeft") go(-1);
    else return;
    event.preventDefault();
  };

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      data-testid="image-viewer"
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      onKeyDown={onKeyDown}
      onClick={(event) => {
        event.stopPropagation();
        if (event.target === ref.current) onClose();
      }}
      className="m-0 h-dvh max-h-none w-screen max-w-none bg-slate-950/95 p-0 text-white backdrop:bg-black/70"
    >
      <div className="flex h-full flex-col">
        <div className="flex items-center gap-2 px-4 py-3">
          <h2 id={titleId} className="min-w-0 flex-1 truncate text-sm font-medium" data-testid="image-viewer-title">
            {image.fileName} <span className="text-white/60">· {formatSize(image.size)}</span>
            {images.length > 1 ? <span className="text-white/60"> · {index + 1} of {images.length}</span> : null}
          </h2>
          <button type="button" className={BUTTON} onClick={() => download(image)} disabled={busy === image.id} data-testid="image-viewer-download">
            {busy === image.id ? "Downloading…" : "Download"}
          </button>
          <button type="button" className={BUTTON} onClick={onClose} autoFocus data-testid="image-viewer-close">
            Close
          </button>
        </div>
        <div className="relative flex min-h-0 flex-1 items-center justify-center p-4" onClick={(event) => event.target === event.currentTarget && onClose()}>
          {error ? (
            <p role="alert">{describeError(error)}</p>
          ) : url ? (
            // eslint-disable-next-line @next/next/no-img-element -- a blob: URL of bytes fetched with the token
            <img src={url} alt={image.fileName} className="max-h-full max-w-full object-contain" data-testid="image-viewer-image" />
          ) : (
            <p role="status">Loading {image.fileName}…</p>
          )}
          {images.length > 1 ? (
            <>
              <button type="button" className={`${BUTTON} absolute left-3`} onClick={() => go(-1)} aria-label="Previous picture">
                ‹
              </button>
              <button type="button" className={`${BUTTON} absolute right-3`} onClick={() => go(1)} aria-label="Next picture">
                ›
              </button>
            </>
          ) : null}
        </div>
        {downloadError ? <p role="alert" className="px-4 pb-3 text-sm text-rose-300">{describeError(downloadError)}</p> : null}
      </div>
    </dialog>
  );
}
