import { describe, expect, it } from "vitest";
import { createApi } from "@/lib/api";
import { ApiError } from "@/lib/api/problem";
import type { Attachment } from "@/lib/api/types";
import { uploadFile, type XhrLike } from "@/lib/api/upload";
import { contentFor, formatSize, readyAttachments, uploadsReducer } from "@/lib/chat/uploads";
import { describeError } from "@/lib/errors";
import { FakeBackend, json, MemoryStorage } from "./fake-server";

const stored: Attachment = { id: "a1", fileName: "cat.png", contentType: "image/png", size: 2048, sha256: "ab", url: "/api/attachments/a1/content" };

/** An XMLHttpRequest the test answers: progress events, then a status and body. */
class FakeXhr implements XhrLike {
  upload: XhrLike["upload"] = { onprogress: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;
  status = 0;
  responseText = "";
  opened: [string, string] | null = null;
  headers: Record<string, string> = {};
  responseHeaders: Record<string, string> = {};
  body: FormData | null = null;
  open(method: string, url: string) {
    this.opened = [method, url];
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name] = value;
  }
  getResponseHeader(name: string) {
    return this.responseHeaders[name.toLowerCase()] ?? null;
  }
  send(body: FormData) {
    this.body = body;
  }
  abort() {
    this.onabort?.();
  }
  progress(loaded: number, total: number) {
    this.upload.onprogress?.({ loaded, total, lengthComputable: true });
  }
  answer(status: number, body: unknown, contentType = status >= 400 ? "application/problem+json" : "application/json") {
    this.status = status;
    this.responseText = body === undefined ? "" : JSON.stringify(body);
    this.responseHeaders["content-type"] = contentType;
    this.onload?.();
  }
}

const file = () => new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], { type: "image/png" });

describe("uploadFile", () => {
  it("posts the file as multipart field `file` with the bearer token and reports progress", async () => {
    const xhr = new FakeXhr();
    const progress: number[] = [];
    const done = uploadFile({ url: "http://api/api/attachments", token: "at-1", file: file(), fileName: "cat.png", onProgress: (p) => progress.push(p), createXhr: () => xhr });
    expect(xhr.opened).toEqual(["POST", "http://api/api/attachments"]);
    expect(xhr.headers.Authorization).toBe("Bearer at-1");
    expect((xhr.body!.get("file") as File).name).toBe("cat.png");
    xhr.progress(1, 4);
    xhr.progress(4, 4);
    xhr.answer(201, stored);
    expect(await done).toEqual(stored);
    expect(progress).toEqual([0.25, 1, 1]);
  });

  it("turns 413 and 415 problems into ApiErrors with their codes", async () => {
    for (const [status, code] of [[413, "ATTACHMENT_TOO_LARGE"], [415, "UNSUPPORTED_ATTACHMENT_TYPE"]] as const) {
      const xhr = new FakeXhr();
      const done = uploadFile({ url: "u", token: "t", file: file(), fileName: "x", createXhr: () => xhr });
      xhr.answer(status, { status, code, detail: "A file may be at most 10485760 bytes (10 MiB)." });
      const error = (await done.catch((e: unknown) => e)) as ApiError;
      expect(error).toBeInstanceOf(ApiError);
      expect([error.status, error.code]).toEqual([status, code]);
    }
  });

  it("reports a dropped connection as a network error and a cancel as an abort", async () => {
    const xhr = new FakeXhr();
    const lost = uploadFile({ url: "u", token: "t", file: file(), fileName: "x", createXhr: () => xhr });
    xhr.onerror?.();
    expect(((await lost.catch((e: unknown) => e)) as ApiError).code).toBe("NETWORK_ERROR");

    const controller = new AbortController();
    const other = new FakeXhr();
    const cancelled = uploadFile({ url: "u", token: "t", file: file(), fileName: "x", signal: controller.signal, createXhr: () => other });
    controller.abort();
    expect(((await cancelled.catch((e: unknown) => e)) as DOMException).name).toBe("AbortError");
  });
});

describe("attachment endpoints", () => {
  it("uploads again with a fresh token when the first was refused as expired", async () => {
    const backend = new FakeBackend();
    backend.on("POST", "/api/auth/login", () => json(200, backend.issue()));
    const xhrs: FakeXhr[] = [];
    const api = createApi({ baseUrl: "http://api.test", fetch: backend.fetch, storage: new MemoryStorage(), createXhr: () => {
      const xhr = new FakeXhr();
      xhrs.push(xhr);
      return xhr;
    } });
    await api.auth.login({ username: "alice", password: "pw" });
    const done = api.attachments.upload(file(), "cat.png");
    await new Promise((r) => setTimeout(r, 0));
    xhrs[0]!.answer(401, { status: 401, code: "TOKEN_EXPIRED" });
    await new Promise((r) => setTimeout(r, 10));
    expect(xhrs).toHaveLength(2);
    expect(xhrs[1]!.headers.Authorization).toBe("Bearer at-2");
    xhrs[1]!.answer(201, stored);
    expect(await done).toEqual(stored);
  });

  it("downloads content with the bearer token", async () => {
    const backend = new FakeBackend();
    backend.on("POST", "/api/auth/login", () => json(200, backend.issue()));
    backend.on("GET", "/api/attachments/a1/content", () => new Response(new Uint8Array([1, 2, 3]), { status: 200, headers: { "content-type": "image/png" } }));
    const api = createApi({ baseUrl: "http://api.test", fetch: backend.fetch, storage: new MemoryStorage() });
    await api.auth.login({ username: "alice", password: "pw" });
    const blob = await api.attachments.content(stored);
    expect(blob.size).toBe(3);
    expect(backend.calls.at(-1)!.auth).toBe("Bearer at-1");
    backend.expireAccessTokens();
    expect((await api.attachments.content(stored)).size).toBe(3);
    expect(backend.refreshCalls()).toHaveLength(1);
  });
});

describe("composer uploads", () => {
  it("tracks each file from uploading to done or failed, progress never going back", () => {
    let state = uploadsReducer([], { type: "started", localId: "1", fileName: "cat.png", size: 2048 });
    state = uploadsReducer(state, { type: "started", localId: "2", fileName: "notes.txt", size: 10 });
    state = uploadsReducer(state, { type: "progress", localId: "1", progress: 0.6 });
    state = uploadsReducer(state, { type: "progress", localId: "1", progress: 0.4 });
    expect(state[0]!.progress).toBe(0.6);
    expect(readyAttachments(state)).toEqual({ attachments: [], uploading: true });
    state = uploadsReducer(state, { type: "done", localId: "1", attachment: stored });
    state = uploadsReducer(state, { type: "failed", localId: "2", error: "nope" });
    expect(readyAttachments(state)).toEqual({ attachments: [stored], uploading: false });
    expect(uploadsReducer(state, { type: "removed", localId: "2" }).map((u) => u.localId)).toEqual(["1"]);
    expect(uploadsReducer(state, { type: "cleared" })).toEqual([]);
  });

  it("keeps a picked image's preview through the upload, and none for other files", () => {
    let state = uploadsReducer([], { type: "started", localId: "1", fileName: "cat.png", size: 2048, preview: "blob:cat" });
    state = uploadsReducer(state, { type: "started", localId: "2", fileName: "plan.pdf", size: 10 });
    state = uploadsReducer(state, { type: "done", localId: "1", attachment: stored });
    expect(state.map((u) => u.preview)).toEqual(["blob:cat", null]);
  });

  it("names the files when a message has files but no text (the API requires content)", () => {
    expect(contentFor("  hi  ", [stored])).toBe("hi");
    expect(contentFor("  ", [stored, { ...stored, fileName: "b.pdf" }])).toBe("cat.png, b.pdf");
    expect(contentFor("", [])).toBe("");
  });

  it("shows sizes and the server's limit when a file is too large", () => {
    expect([formatSize(500), formatSize(2048), formatSize(3.45 * 1024 * 1024)]).toEqual(["500 B", "2 KB", "3.5 MB"]);
    const error = new ApiError({ status: 413, code: "ATTACHMENT_TOO_LARGE", detail: "A file may be at most 10485760 bytes (10 MiB)." });
    expect(describeError(error)).toBe("That file is too large to attach: files can be at most 10 MB.");
    expect(describeError(new ApiError({ status: 415, code: "UNSUPPORTED_ATTACHMENT_TYPE" }))).toContain("Only images");
  });
});
