import { ApiError } from "./problem";

/** Codes a read can answer for a moment after a write that has not reached the read model yet. */
const CATCHING_UP = new Set(["ROOM_NOT_FOUND", "NOT_A_PARTICIPANT", "MESSAGE_NOT_FOUND"]);

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => {
      clearTimeout(timer);
      resolve();
    });
  });

/**
 * The backend's read models follow its event store within moments, so a room created a moment ago can
 * still answer 404 (or 403 to someone just added). Retries such reads on a short schedule before
 * believing them; any other failure, or the last attempt's, is passed on.
 */
export async function readAfterWrite<T>(
  read: () => Promise<T>,
  options: { delaysMs?: number[]; signal?: AbortSignal; wait?: (ms: number) => Promise<void> } = {},
): Promise<T> {
  const delays = options.delaysMs ?? [250, 500, 750, 1000, 1500, 2000];
  const wait = options.wait ?? ((ms: number) => sleep(ms, options.signal));
  for (let attempt = 0; ; attempt++) {
    try {
      return await read();
    } catch (error) {
      const retry = error instanceof ApiError && CATCHING_UP.has(error.code) && attempt < delays.length;
      if (!retry || options.signal?.aborted) throw error;
      await wait(delays[attempt]!);
      if (options.signal?.aborted) throw error;
    }
  }
}
