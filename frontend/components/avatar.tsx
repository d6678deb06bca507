import { initials } from "@/lib/format";

const COLORS = ["bg-indigo-500", "bg-emerald-500", "bg-amber-500", "bg-rose-500", "bg-sky-500", "bg-violet-500", "bg-teal-500"];

function colorFor(name: string): string {
  let hash = 0;
  for (const ch of name) hash = (hash * 31 + ch.charCodeAt(0)) | 0;
  return COLORS[Math.abs(hash) % COLORS.length]!;
}

/** Initials in a colored circle; with `online` given, a presence dot at its corner (grey while unknown). */
export function Avatar({ name, size = "md", online }: { name: string; size?: "sm" | "md" | "lg"; online?: boolean | null }) {
  const dims = size === "sm" ? "size-8 text-xs" : size === "lg" ? "size-14 text-lg" : "size-10 text-sm";
  const circle = (
    <span
      aria-hidden
      className={`inline-flex shrink-0 items-center justify-center rounded-full font-semibold text-white ${dims} ${colorFor(name)}`}
    >
      {initials(name)}
    </span>
  );
  if (online === undefined) return circle;
  return (
    <span className="relative inline-flex shrink-0">
      {circle}
      <span
        role="img"
        aria-label={online ? "online" : "offline"}
        title={online ? "Online" : "Offline"}
        data-testid="presence-dot"
        data-online={online === null ? "unknown" : String(online)}
        className={`absolute right-0 bottom-0 size-3 rounded-full ring-2 ring-surface ${online ? "bg-emerald-500" : "bg-slate-300"}`}
      />
    </span>
  );
}
