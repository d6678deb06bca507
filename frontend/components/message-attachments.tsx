"use client";

import type { Attachment } from "@/lib/api";
import { useAttachmentDownload, useAttachmentUrl } from "@/hooks/use-attachment-url";
import { formatSize, isImage } from "@/lib/chat/uploads";
import { describeError } from "@/lib/errors";

function AttachedImage({ attachment }: { attachment: Attachment }) {
  const { url, error } = useAttachmentUrl(attachment, true);
  if (error) return <p className="text-xs text-rose-700" role="alert">{describeError(error)}</p>;
  if (!url) return <span className="block h-32 w-48 animate-pulse rounded-lg bg-slate-200" aria-label={`Loading ${attachment.fileName}`} />;
  return (
    // eslint-disable-next-line @next/next/no-img-element -- a blob: URL of bytes fetched with the token; next/image cannot load it
    <img src={url} alt={attachment.fileName} className="max-h-64 max-w-full rounded-lg object-contain" data-testid="attachment-image" />
  );
}

/** A message's files: images shown inline, anything else as a download with its name and size. */
export function MessageAttachments({ attachments, mine }: { attachments: Attachment[]; mine: boolean }) {
  const { download, busy, error } = useAttachmentDownload();
  return (
    <ul className="mt-1 flex flex-col gap-1.5" data-testid="message-attachments">
      {attachments.map((a) => (
        <li key={a.id} data-testid="message-attachment" data-kind={isImage(a.contentType) ? "image" : "file"} data-file-name={a.fileName}>
          {isImage(a.contentType) ? (
            <AttachedImage attachment={a} />
          ) : (
            <button
              type="button"
              onClick={() => download(a)}
              disabled={busy === a.id}
              data-testid="attachment-download"
              className={`flex items-center gap-2 rounded-lg px-2 py-1.5 text-left text-sm ${mine ? "bg-indigo-500 hover:bg-indigo-400" : "bg-slate-100 hover:bg-slate-200"}`}
            >
              <svg viewBox="0 0 20 20" className="size-5 shrink-0" fill="none" stroke="currentColor" strokeWidth="1.6" aria-hidden>
                <path d="M5 2.5h6.5L15 6v11.5H5z M11.5 2.5V6H15 M10 9v5m-2-2l2 2 2-2" strokeLinejoin="round" strokeLinecap="round" />
              </svg>
              <span className="min-w-0">
                <span className="block truncate font-medium">{a.fileName}</span>
                <span className={`block text-xs ${mine ? "text-indigo-100" : "text-slate-500"}`}>{busy === a.id ? "Downloading…" : formatSize(a.size)}</span>
              </span>
            </button>
          )}
        </li>
      ))}
      {error ? <li className="text-xs text-rose-700" role="alert">{describeError(error)}</li> : null}
    </ul>
  );
}
