"use client";

import type { ReactNode } from "react";
import { useTheme } from "@/hooks/use-theme";
import { nextTheme, type ThemeChoice } from "@/lib/theme";

const LABEL: Record<ThemeChoice, string> = { system: "Auto", light: "Light", dark: "Dark" };

const ICON: Record<ThemeChoice, ReactNode> = {
  system: <path d="M12 3a9 9 0 100 18V3z M12 3a9 9 0 010 18" strokeLinejoin="round" />,
  light: (
    <>
      <circle cx="12" cy="12" r="4" />
      <path d="M12 2.5v2M12 19.5v2M2.5 12h2M19.5 12h2M5.3 5.3l1.4 1.4M17.3 17.3l1.4 1.4M5.3 18.7l1.4-1.4M17.3 6.7l1.4-1.4" strokeLinecap="round" />
    </>
  ),
  dark: <path d="M20 14.5A8 8 0 019.5 4a8 8 0 1010.5 10.5z" strokeLinejoin="round" />,
};

/** Cycles the colour theme: Auto (the system's preference), Dark, Light. */
export function ThemeToggle({ className = "" }: { className?: string }) {
  const { choice, choose } = useTheme();
  return (
    <button
      type="button"
      onClick={() => choose(nextTheme(choice))}
      aria-label={`Theme: ${LABEL[choice]}. Switch to ${LABEL[nextTheme(choice)]}`}
      title={`Theme: ${LABEL[choice]}`}
      data-testid="theme-toggle"
      data-theme={choice}
      className={className}
    >
      <svg viewBox="0 0 24 24" className="size-6" fill="none" stroke="currentColor" strokeWidth="1.8" aria-hidden>
        {ICON[choice]}
      </svg>
      {LABEL[choice]}
    </button>
  );
}

/** Applies the theme on every page, following the system's preference as it changes. */
export function ThemeSync() {
  useTheme();
  return null;
}
