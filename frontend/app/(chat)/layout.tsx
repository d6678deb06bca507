import type { ReactNode } from "react";
import { AppNav } from "@/components/app-nav";
import { OfflineBanner } from "@/components/offline-banner";
import { RealtimeBridge } from "@/components/realtime-bridge";
import { SessionGate } from "@/components/session-gate";

export default function ChatLayout({ children }: { children: ReactNode }) {
  return (
    <SessionGate>
      <RealtimeBridge />
      <div className="flex h-dvh flex-col md:flex-row">
        <AppNav />
        <div className="flex min-h-0 min-w-0 flex-1 flex-col">
          <OfflineBanner />
          <div className="flex min-h-0 flex-1">{children}</div>
        </div>
      </div>
    </SessionGate>
  );
}
