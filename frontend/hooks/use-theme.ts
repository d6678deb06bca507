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
  const [choice, system] = useSyncExternalStore(subscribe, snapshot, () => "system|false").split("|") as [ThemeChoice, string];
  const dark = isDark(choice, system === "true");

  useEffect(() => {
    document.documentElement.classList.toggle("dark", dark);
  }, [dark]);

  const choose = useCallback((next: ThemeChoice) => {
    if (next === "system") window.localStorage.removeItem(THEME_KEY);
    else window.localStorage.setItem(THEME_KEY, next);
    for (const listener of listeners) listener();
  }, []);

  return { choice, dark, choose };
}
