import type { Attachment } from "../api/types";

/** At most this many files go with one message (the API's limit). */
export const MAX_ATTACHMENTS = 10;

/**
 * The largest file the server takes (its CHAT_ATTACHMENTS_MAX_SIZE, 10 MiB unless configured otherwise;
 * set NEXT_PUBLIC_MAX_ATTACHMENT_BYTES at build time to match a different limit). Larger files are
 * refused before a byte is uploaded.
 */
export const MAX_ATTACHMENT_BYTES = Number(process.env.NEXT_PUBLIC_MAX_ATTACHMENT_BYTES) || 10 * 1024 * 1024;

/** A file picked in the composer: uploading, uploaded (with its attachment), or refused. */
export interface Upload {
  localId: string;
  fileName: string;
  size: number;
  progress: number;
  status: "uploading" | "done" | "failed";
  attachment: Attachment | null;
  error: string | null;
  /** A local object URL showing a picked image before it is sent; null for other files. */
  preview: string | null;
}

export type UploadAction =
  | { type: "started"; localId: string; fileName: string; size: number; preview?: string | null }
  | { type: "progress"; localId: string; progress: number }
  | { type: "done"; localId: string; attachment: Attachment }
  | { type: "failed"; localId: string; error: string }
  | { type: "removed"; localId: string }
  | { type: "cleared" };

export function uploadsReducer(state: Upload[], action: UploadAction): Upload[] {
  const update = (localId: string, change: (u: Upload) => Upload) => state.map((u) => (u.localId === localId ? change(u) : u));
  switch (action.type) {
    case "started":
      return [
        ...state,
        { localId: action.localId, fileName: action.fileName, size: action.size, progress: 0, status: "uploading", attachment: null, error: null, preview: action.preview ?? null },
      ];
    case "progress":
      return update(action.localId, (u) => (u.status === "uploading" ? { ...u, progress: Math.max(u.progress, action.progress) } : u));
    case "done":
      return update(action.localId, (u) => ({ ...u, progress: 1, status: "done", attachment: action.attachment }));
    case "failed":
      return update(action.localId, (u) => ({ ...u, status: "failed", error: action.error }));
    case "removed":
      return state.filter((u) => u.localId !== action.localId);
    case "cleared":
      return [];
  }
}

/** What a message may be sent with: the uploaded attachments, and whether uploads still run. */
export function readyAttachments(uploads: readonly Upload[]): { attachments: Attachment[]; uploading: boolean } {
  return {
    attachments: uploads.flatMap((u) => (u.status === "done" && u.attachment ? [u.attachment] : [])),
    uploading: uploads.some((u) => u.status === "uploading"),
  };
}

/** The text of a message sent with files only: the API requires content, so it names the files. */
export function contentFor(text: string, attachments: readonly Attachment[]): string {
  const trimmed = text.trim();
  if (trimmed || attachments.length === 0) return trimmed;
  return attachments.map((a) => a.fileName).join(", ");
}

/** "12 KB", "3.4 MB". */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

export function isImage(contentType: string): boolean {
  return /^image\/(jpeg|png|gif|webp)$/.test(contentType);
}
