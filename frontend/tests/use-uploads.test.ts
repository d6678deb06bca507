// @vitest-environment jsdom
import { act, cleanup, renderHook } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ApiError, type Attachment } from "@/lib/api";
import { useUploads } from "@/hooks/use-uploads";
import { deferred, flush, type Deferred } from "./hook-helpers";

interface UploadCall {
  file: Blob;
  fileName: string;
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
  answer: Deferred<Attachment>;
}

const fake = vi.hoisted(() => ({ calls: [] as UploadCall[] }));

vi.mock("@/lib/api", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/api")>();
  const api = {
    attachments: {
      upload: (file: Blob, fileName: string, onProgress?: (fraction: number) => void, signal?: AbortSignal) => {
        const answer = deferred<Attachment>();
        fake.calls.push({ file, fileName, onProgress, signal, answer });
        return answer.promise;
      },
    },
  };
  return { ...actual, getApi: () => api };
});

const stored: Attachment = { id: "a1", fileName: "cat.png", contentType: "image/png", size: 4, sha256: "ab", url: "/api/attachments/a1/content" };
const png = (name = "cat.png") => new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], name, { type: "image/png" });
const pdf = () => new File(["%PDF"], "notes.pdf", { type: "application/pdf" });

let created: Blob[];
let revoked: string[];
const originalCreate = URL.createObjectURL;
const originalRevoke = URL.revokeObjectURL;

beforeEach(() => {
  fake.calls.length = 0;
  created = [];
  revoked = [];
  URL.createObjectURL = (obj: Blob | MediaSource) => {
    created.push(obj as Blob);
    return `blob:preview-${created.length}`;
  };
  URL.revokeObjectURL = (url: string) => {
    revoked.push(url);
  };
});
afterEach(() => {
  cleanup();
  URL.createObjectURL = originalCreate;
  URL.revokeObjectURL = originalRevoke;
});

describe("useUploads", () => {
  it("shows a picked image through an object URL and uploads it with progress until done", async () => {
    const { result } = renderHook(() => useUploads());
    const file = png();
    act(() => result.current.add([file]));

    expect(created).toEqual([file]);
    expect(result.current.uploads).toHaveLength(1);
    expect(result.current.uploads[0]).toMatchObject({ fileName: "cat.png", size: 4, status: "uploading", progress: 0, preview: "blob:preview-1" });
    expect(result.current.uploading).toBe(true);
    expect(fake.calls).toHaveLength(1);
    expect(fake.calls[0]!.file).toBe(file);
    expect(fake.calls[0]!.fileName).toBe("cat.png");

    act(() => fake.calls[0]!.onProgress!(0.4));
    expect(result.current.uploads[0]!.progress).toBe(0.4);

    fake.calls[0]!.answer.resolve(stored);
    await flush();
    expect(result.current.uploads[0]).toMatchObject({ status: "done", progress: 1, attachment: stored });
    expect(result.current.attachments).toEqual([stored]);
    expect(result.current.uploading).toBe(false);
  });

  it("gives a file that is not an image no preview", () => {
    const { result } = renderHook(() => useUploads());
    act(() => result.current.add([pdf()]));
    expect(created).toEqual([]);
    expect(result.current.uploads[0]!.preview).toBeNull();
    expect(fake.calls).toHaveLength(1);
  });

  it("keeps a refused upload with the server's reason", async () => {
    const { result } = renderHook(() => useUploads());
    act(() => result.current.add([pdf()]));
    fake.calls[0]!.answer.reject(new ApiError({ status: 415, code: "UNSUPPORTED_ATTACHMENT_TYPE" }));
    await flush();
    expect(result.current.uploads[0]).toMatchObject({
      status: "failed",
      error: "Only images (JPEG, PNG, GIF, WebP), PDF and Word documents can be attached.",
    });
    expect(result.current.attachments).toEqual([]);
    expect(result.current.uploading).toBe(false);
  });

  it("removing an upload aborts it, revokes its preview and ignores its late failure", async () => {
    const { result } = renderHook(() => useUploads());
    act(() => result.current.add([png("a.png"), png("b.png")]));
    const first = result.current.uploads[0]!.localId;

    act(() => result.current.remove(first));
    expect(fake.calls[0]!.signal!.aborted).toBe(true);
    expect(fake.calls[1]!.signal!.aborted).toBe(false);
    expect(revoked).toEqual(["blob:preview-1"]);
    expect(result.current.uploads.map((u) => u.fileName)).toEqual(["b.png"]);

    fake.calls[0]!.answer.reject(new DOMException("aborted", "AbortError"));
    await flush();
    expect(result.current.uploads.map((u) => u.status)).toEqual(["uploading"]);
  });

  it("clearing revokes every preview, and so does leaving", () => {
    const { result, unmount } = renderHook(() => useUploads());
    act(() => result.current.add([png("a.png"), pdf(), png("b.png")]));
    act(() => result.current.clear());
    expect(revoked.sort()).toEqual(["blob:preview-1", "blob:preview-2"]);
    expect(result.current.uploads).toEqual([]);

    act(() => result.current.add([png("c.png")]));
    unmount();
    expect(revoked).toContain("blob:preview-3");
    expect(revoked).toHaveLength(3);
  });

  it("refuses files beyond ten without uploading them", () => {
    const { result } = renderHook(() => useUploads());
    const files = Array.from({ length: 11 }, (_, i) => new File(["%PDF"], `f${i}.pdf`, { type: "application/pdf" }));
    act(() => result.current.add(files));
    expect(fake.calls).toHaveLength(10);
    expect(result.current.uploads).toHaveLength(11);
    expect(result.current.uploads[10]).toMatchObject({ fileName: "f10.pdf", status: "failed", error: "At most 10 files can be attached to one message." });
  });
});
