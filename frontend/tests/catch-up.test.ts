import { describe, expect, it } from "vitest";
import { readAfterWrite } from "@/lib/api/catch-up";
import { ApiError } from "@/lib/api/problem";

const notFound = () => new ApiError({ status: 404, code: "ROOM_NOT_FOUND" });
const noWait = () => Promise.resolve();

describe("read after write", () => {
  it("retries a room that the read model does not know yet", async () => {
    let calls = 0;
    const result = await readAfterWrite(async () => {
      calls += 1;
      if (calls < 3) throw notFound();
      return "room";
    }, { wait: noWait });
    expect(result).toBe("room");
    expect(calls).toBe(3);
  });

  it("gives up after the schedule and passes the last error on", async () => {
    let calls = 0;
    const error = await readAfterWrite(async () => {
      calls += 1;
      throw notFound();
    }, { delaysMs: [1, 1], wait: noWait }).catch((e) => e);
    expect(calls).toBe(3);
    expect((error as ApiError).code).toBe("ROOM_NOT_FOUND");
  });

  it("does not retry other failures", async () => {
    let calls = 0;
    await expect(readAfterWrite(async () => {
      calls += 1;
      throw new ApiError({ status: 0, code: "NETWORK_ERROR" });
    }, { wait: noWait })).rejects.toMatchObject({ code: "NETWORK_ERROR" });
    expect(calls).toBe(1);
  });
});
