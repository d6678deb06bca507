import type { PresenceFrame, PresenceMap, Uuid } from "../api/types";

/**
 * Who is online, as far as this page knows: seeded from `GET /api/presence` (and `online` in profiles),
 * kept current by `presence` frames. A later answer or frame replaces an earlier one for that person.
 */
export class PresenceStore {
  private online = new Map<Uuid, boolean>();
  private version = 0;
  private readonly listeners = new Set<() => void>();

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Changes whenever anyone's presence changes; a snapshot key for `useSyncExternalStore`. */
  getVersion(): number {
    return this.version;
  }

  /** True or false when known, null when this page has not learned it yet. */
  get(userId: Uuid): boolean | null {
    return this.online.get(userId) ?? null;
  }

  merge(flags: PresenceMap): void {
    let changed = false;
    for (const [userId, online] of Object.entries(flags)) {
      if (this.online.get(userId) === online) continue;
      this.online.set(userId, online);
      changed = true;
    }
    if (changed) this.emit();
  }

  apply(frame: PresenceFrame): void {
    this.merge({ [frame.data.userId]: frame.data.online });
  }

  /** Forgets everything (logout): the next person on this page must not see the last one's contacts. */
  clear(): void {
    if (this.online.size === 0) return;
    this.online = new Map();
    this.emit();
  }

  private emit(): void {
    this.version += 1;
    for (const listener of this.listeners) listener();
  }
}

/** Splits ids into batches the presence endpoint accepts (at most 200 per request). */
export function presenceBatches(userIds: Iterable<Uuid>, size = 200): Uuid[][] {
  const unique = [...new Set(userIds)].sort();
  const batches: Uuid[][] = [];
  for (let i = 0; i < unique.length; i += size) batches.push(unique.slice(i, i + size));
  return batches;
}
