import type { Upload } from "@/lib/chat/uploads";
import { formatSize } from "@/lib/chat/uploads";

/** The files picked for the next message, each with its upload progress or why it was refused. */
export function AttachmentChips({ uploads, onRemove }: { uploads: Upload[]; onRemove: (localId: string) => void }) {
  if (uploads.length === 0) return null;
  return (
    <ul className="mb-2 flex flex-wrap gap-2" aria-label="Files to send" data-testid="upload-list">
      {uploads.map((u) => (
        <li
          key={u.localId}
          data-testid="upload-chip"
          data-status={u.status}
          data-file-name={u.fileName}
          className={`flex max-w-full items-center gap-2 rounded-lg px-2 py-1 text-xs ring-1 ${u.status === "failed" ? "bg-rose-50 text-rose-800 ring-rose-200" : "bg-slate-50 text-slate-700 ring-slate-200"}`}
        >
          {u.preview ? (
            // eslint-disable-next-line @next/next/no-img-element -- a local object URL, nothing for next/image to optimise
            <img src={u.preview} alt={`Preview of ${u.fileName}`} className="size-10 shrink-0 rounded object-cover" data-testid="upload-preview" />
          ) : null}
          <span className="min-w-0">
            <span className="block max-w-48 truncate font-medium">{u.fileName}</span>
            {u.status === "uploading" ? (
              <span className="mt-0.5 block h-1 w-32 overflow-hidden rounded bg-slate-200">
                <span
                  className="block h-full bg-indigo-500 transition-[width]"
                  style={{ width: `${Math.round(u.progress * 100)}%` }}
                  role="progressbar"
                  aria-label={`Uploading ${u.fileName}`}
                  aria-valuemin={0}
                  aria-valuemax={100}
                  aria-valuenow={Math.round(u.progress * 100)}
                  data-testid="upload-progress"
                />
              </span>
            ) : u.status === "failed" ? (
              <span className="block" role="alert" data-testid="upload-error">{u.error}</span>
            ) : (
              <span className="block text-slate-500">{formatSize(u.size)}</span>
            )}
          </span>
          <button type="button" onClick={() => onRemove(u.localId)} aria-label={`Remove ${u.fileName}`} className="rounded p-0.5 hover:bg-slate-200" data-testid="upload-remove">
            ✕
          </button>
        </li>
      ))}
    </ul>
  );
}
