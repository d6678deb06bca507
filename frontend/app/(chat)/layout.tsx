import type { ReactNode } from "react";
import { AppNav } from "@/components/app-nav";
import { OfflineBanner } from "@/components/offline-banner";
import { RealtimeBridge } from "@/components/realtime-bridge";
import { SessionGate } from "@/components/session-gate";

export default function ChatLayout({ children }: { children: ReactNode }) {
  return (
    <SessionGate>
      <a
        href="#main"
        className="sr-only z-50 rounded-lg bg-indigo-600 px-4 py-2 font-medium text-white focus:not-sr-only focus:fixed focus:top-2 focus:left-2"
        data-testid="skip-link"
      >
        Skip to main content
      </a>
      <RealtimeBridge />
      <div className="flex h-dvh flex-col md:flex-row">
        <AppNav />
        <div className="flex min-h-0 min-w-0 flex-1 flex-col">
          <OfflineBanner />
          <main id="main" tabIndex={-1} className="flex min-h-0 flex-1 outline-none">
            {children}
          </main>
        </div>
      </div>
    </SessionGate>
  );
}
