"use client";

import { useOnline } from "@/hooks/use-online";

export function OfflineBanner() {
  const { online } = useOnline();
  if (online) return null;
  return (
    <div role="status" data-testid="offline-banner" className="bg-amber-100 px-4 py-1.5 text-center text-sm text-amber-900">
      You&apos;re offline. The chat reconnects by itself when your connection is back.
    </div>
  );
}
