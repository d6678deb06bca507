import type { KeyValueStorage } from "../api/http";
import type { Uuid } from "../api/types";

/** What is written but not sent, per room, kept in `storage` so it survives switching rooms and reloads. */
export class DraftStore {
  private drafts: Record<Uuid, string>;

  constructor(
    private readonly storage: KeyValueStorage | null,
    private readonly key: string,
  ) {
    this.drafts = DraftStore.parse(storage?.getItem(key) ?? null);
  }

  get(roomId: Uuid): string {
    return this.drafts[roomId] ?? "";
  }

  set(roomId: Uuid, text: string): void {
    if ((this.drafts[roomId] ?? "") === text) return;
    const next = { ...this.drafts };
    if (text.trim()) next[roomId] = text;
    else delete next[roomId];
    this.drafts = next;
    try {
      if (Object.keys(next).length === 0) this.storage?.removeItem(this.key);
      else this.storage?.setItem(this.key, JSON.stringify(next));
    } catch {
      // Storage full or blocked: the draft still lives for this page.
    }
  }

  clear(): void {
    this.drafts = {};
    this.storage?.removeItem(this.key);
  }

  private static parse(text: string | null): Record<Uuid, string> {
    if (!text) return {};
    try {
      const value: unknown = JSON.parse(text);
      if (typeof value !== "object" || value === null || Array.isArray(value)) return {};
      return Object.fromEntries(Object.entries(value).filter((e): e is [string, string] => typeof e[1] === "string"));
    } catch {
      return {};
    }
  }
}
