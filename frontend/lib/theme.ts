/** Light, dark, or whatever the system prefers (the default). */
export type ThemeChoice = "system" | "light" | "dark";

export const THEME_KEY = "eventchat.theme";

export function parseTheme(value: string | null | undefined): ThemeChoice {
  return value === "light" || value === "dark" ? value : "system";
}

export function isDark(choice: ThemeChoice, systemDark: boolean): boolean {
  return choice === "dark" || (choice === "system" && systemDark);
}

/** The next choice of the toggle: system -> dark -> light -> system. */
export function nextTheme(choice: ThemeChoice): ThemeChoice {
  return choice === "system" ? "dark" : choice === "dark" ? "light" : "system";
}

/**
 * Runs before the first paint (an inline script in the root layout), so a dark page never flashes light:
 * the stored choice, else the system's preference, as the `dark` class of <html>.
 */
export const THEME_BOOT_SCRIPT = `(function(){try{var c=localStorage.getItem(${JSON.stringify(THEME_KEY)});var d=c==="dark"||(c!=="light"&&matchMedia("(prefers-color-scheme: dark)").matches);document.documentElement.classList.toggle("dark",d);}catch(e){}})();`;
