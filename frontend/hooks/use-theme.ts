"use client";

import { useCallback, useEffect, useSyncExternalStore } from "react";
import { isDark, parseTheme, THEME_KEY, type ThemeChoice } from "@/lib/theme";

const listeners = new Set<() => void>();
const QUERY = "(prefers-color-scheme: dark)";

function subscribe(listener: () => void) {
  listeners.add(listener);
  const media = window.matchMedia(QUERY);
  media.addEventListener("change", listener);
  window.addEventListener("storage", listener);
  return () => {
    listeners.delete(listener);
    media.removeEventListener("change", listener);
    window.removeEventListener("storage", listener);
  };
}

const snapshot = () => `${parseTheme(window.localStorage.getItem(THEME_KEY))}|${window.matchMedia(QUERY).matches}`;

/** The colour theme: the person's choice (kept in localStorage) or the system's, applied to <html>. */
export function useTheme() {
  // The server (and hydration) knows neither: "" then, and <html> keeps what the boot script set.
  const current = useSyncExternalStore(subscribe, snapshot, () => "");
  const [choice, system] = (current || "system|false").split("|") as [ThemeChoice, string];
  const dark = isDark(choice, system === "true");
  const known = current !== "";

  useEffect(() => {
    if (known) document.documentElement.classList.toggle("dark", dark);
  }, [known, dark]);

  const choose = useCallback((next: ThemeChoice) => {
    if (next === "system") window.localStorage.removeItem(THEME_KEY);
    else window.localStorage.setItem(THEME_KEY, next);
    for (const listener of listeners) listener();
  }, []);

  return { choice, dark, choose };
}
