"use client";

import { useCallback, useState, type FocusEvent, type KeyboardEvent } from "react";

const ITEM = "[data-roving-id]";
const KEYS = new Set(["ArrowUp", "ArrowDown", "Home", "End"]);

/**
 * One tab stop for a list of items (WAI-ARIA roving tabindex): the active item has tabIndex 0, the others
 * -1; arrow keys, Home and End move focus between items. The newest item is active until one is focused.
 */
export function useRovingFocus(ids: readonly string[]) {
  const [chosen, setChosen] = useState<string | null>(null);
  const activeId = chosen !== null && ids.includes(chosen) ? chosen : (ids[ids.length - 1] ?? null);

  const onFocus = useCallback((event: FocusEvent<HTMLElement>) => {
    const item = (event.target as HTMLElement).closest<HTMLElement>(ITEM);
    if (item?.dataset.rovingId) setChosen(item.dataset.rovingId);
  }, []);

  const onKeyDown = useCallback((event: KeyboardEvent<HTMLElement>) => {
    if (!KEYS.has(event.key)) return;
    const target = event.target as HTMLElement;
    if (target.closest("textarea, input, select")) return;
    const items = Array.from(event.currentTarget.querySelectorAll<HTMLElement>(ITEM));
    const index = items.findIndex((item) => item.contains(target));
    if (index < 0) return;
    const next =
      event.key === "Home" ? 0 : event.key === "End" ? items.length - 1 : index + (event.key === "ArrowUp" ? -1 : 1);
    const item = items[Math.max(0, Math.min(items.length - 1, next))];
    if (!item) return;
    event.preventDefault();
    item.focus();
    if (item.dataset.rovingId) setChosen(item.dataset.rovingId);
  }, []);

  return { activeId, onFocus, onKeyDown };
}
