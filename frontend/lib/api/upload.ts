import { ApiError, networkError, problemFromResponse } from "./problem";
import type { Attachment } from "./types";

/** The part of XMLHttpRequest an upload uses (fetch cannot report upload progress). */
export interface XhrLike {
  upload: { onprogress: ((event: { loaded: number; total: number; lengthComputable: boolean }) => void) | null };
  onload: (() => void) | null;
  onerror: (() => void) | null;
  onabort: (() => void) | null;
  status: number;
  responseText: string;
  open(method: string, url: string): void;
  setRequestHeader(name: string, value: string): void;
  getResponseHeader(name: string): string | null;
  send(body: FormData): void;
  abort(): void;
}

export interface UploadOptions {
  url: string;
  token: string;
  file: Blob;
  fileName: string;
  /** 0..1 as the bytes leave the browser. */
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
  createXhr?: () => XhrLike;
}

async function failure(xhr: XhrLike): Promise<ApiError> {
  const headers: Record<string, string> = {};
  for (const name of ["content-type", "retry-after"]) {
    const value = xhr.getResponseHeader(name);
    if (value) headers[name] = value;
  }
  return problemFromResponse(new Response(xhr.responseText || null, { status: xhr.status, headers }));
}

/**
 * `POST /api/attachments` as multipart (field `file`) with the bearer token, reporting progress.
 * Answers the stored attachment; a refusal (413 too large, 415 not an allowed type) is an ApiError with
 * the problem's code, a lost connection a NETWORK_ERROR, an abort an AbortError.
 */
export function uploadFile(options: UploadOptions): Promise<Attachment> {
  const xhr = (options.createXhr ?? (() => new XMLHttpRequest() as unknown as XhrLike))();
  return new Promise<Attachment>((resolve, reject) => {
    const abort = () => xhr.abort();
    options.signal?.addEventListener("abort", abort);
    const done = () => options.signal?.removeEventListener("abort", abort);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) options.onProgress?.(Math.min(1, event.loaded / event.total));
    };
    xhr.onload = () => {
      done();
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          options.onProgress?.(1);
          resolve(JSON.parse(xhr.responseText) as Attachment);
        } catch (cause) {
          reject(networkError(cause));
        }
        return;
      }
      if (xhr.status === 0) reject(networkError(new Error("upload failed")));
      else void failure(xhr).then(reject);
    };
    xhr.onerror = () => {
      done();
      reject(networkError(new Error("upload failed")));
    };
    xhr.onabort = () => {
      done();
      reject(new DOMException("The upload was cancelled.", "AbortError"));
    };
    const form = new FormData();
    form.append("file", options.file, options.fileName);
    xhr.open("POST", options.url);
    xhr.setRequestHeader("Authorization", `Bearer ${options.token}`);
    xhr.setRequestHeader("Accept", "application/json");
    xhr.send(form);
  });
}
