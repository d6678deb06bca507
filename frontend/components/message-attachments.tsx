"use client";

import { useState } from "react";
import { THUMBNAIL_SIZE, type Attachment } from "@/lib/api";
import { useAttachmentDownload, useAttachmentUrl } from "@/hooks/use-attachment-url";
import { formatSize, isImage } from "@/lib/chat/uploads";
import { describeError } from "@/lib/errors";
import { ImageViewer } from "./image-viewer";

function AttachedImage({ attachment, onOpen, tabIndex }: { attachment: Attachment; onOpen: () => void; tabIndex?: number }) {
  const { url, error } = useAttachmentUrl(attachment, true, "thumbnail");
  if (error) return <p className="text-xs text-rose-700" role="alert">{describeError(error)}</p>;
  return (
    <button
      type="button"
      onClick={onOpen}
      tabIndex={tabIndex}
      aria-label={`Open picture ${attachment.fileName}`}
      aria-haspopup="dialog"
      className="block overflow-hidden rounded-lg"
      data-testid="attachment-open"
    >
      {url ? (
        // eslint-disable-next-line @next/next/no-img-element -- a blob: URL of bytes fetched with the token; next/image cannot load it
        <img
          src={url}
          alt={attachment.fileName}
          style={{ maxWidth: `min(100%, ${THUMBNAIL_SIZE}px)` }}
          className="max-h-64 rounded-lg object-contain"
          data-testid="attachment-image"
        />
      ) : (
        <span className="block h-32 w-48 animate-pulse rounded-lg bg-slate-200" role="img" aria-label={`Loading ${attachment.fileName}`} />
      )}
    </button>
  );
}

/** A message's files: pictures as previews that open full size, anything else as a download with its name and size. */
export function MessageAttachments({ attachments, mine, tabIndex }: { attachments: Attachment[]; mine: boolean; tabIndex?: number }) {
  const { download, busy, error } = useAttachmentDownload();
  const images = attachments.filter((a) => isImage(a.contentType));
  const [viewing, setViewing] = useState<number | null>(null);
  return (
    <>
    <ul className="mt-1 flex flex-col gap-1.5" data-testid="message-attachments">
      {attachments.map((a) => (
        <li key={a.id} data-testid="message-attachment" data-kind={isImage(a.contentType) ? "image" : "file"} data-file-name={a.fileName}>
          {isImage(a.contentType) ? (
            <AttachedImage attachment={a} tabIndex={tabIndex} onOpen={() => setViewing(images.indexOf(a))} />
          ) : (
            <button
              type="button"
              onClick={() => download(a)}
              disabled={busy === a.id}
              tabIndex={tabIndex}
              data-testid="attachment-download"
              className={`flex items-center gap-2 rounded-lg px-2 py-1.5 text-left text-sm ${mine ? "bg-indigo-500 hover:bg-indigo-400" : "bg-slate-100 hover:bg-slate-200"}`}
            >
              <svg viewBox="0 0 20 20" className="size-5 shrink-0" fill="none" stroke="currentColor" strokeWidth="1.6" aria-hidden>
                <path d="M5 2.5h6.5L15 6v11.5H5z M11.5 2.5V6H15 M10 9v5m-2-2l2 2 2-2" strokeLinejoin="round" strokeLinecap="round" />
              </svg>
              <span className="min-w-0">
                <span className="block truncate font-medium">{a.fileName}</span>
                <span className={`block text-xs ${mine ? "text-white/75" : "text-slate-500"}`}>{busy === a.id ? "Downloading…" : formatSize(a.size)}</span>
              </span>
            </button>
          )}
        </li>
      ))}
      {error ? <li className="text-xs text-rose-700" role="alert">{describeError(error)}</li> : null}
    </ul>
    {viewing !== null && images[viewing] ? (
      <ImageViewer images={images} index={viewing} onIndex={setViewing} onClose={() => setViewing(null)} />
    ) : null}
    </>
  );
}
