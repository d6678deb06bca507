"use client";

import { usePathname, useRouter } from "next/navigation";
import { useEffect, type ReactNode } from "react";
import { useSession } from "@/hooks/use-session";
import { Button } from "./button";
import { Notice, Spinner } from "./notice";

/** Shows its children only to a logged-in person; everyone else goes to the login page. */
export function SessionGate({ children }: { children: ReactNode }) {
  const { status, retry } = useSession();
  const router = useRouter();
  const pathname = usePathname();

  useEffect(() => {
    if (status === "anonymous") router.replace(`/login?next=${encodeURIComponent(pathname)}`);
  }, [status, router, pathname]);

  if (status === "authenticated") return <>{children}</>;
  if (status === "unreachable") {
    return (
      <main className="mx-auto flex min-h-full max-w-md items-center p-6">
        <Notice action={<Button variant="secondary" onClick={retry}>Try again</Button>}>
          Can&apos;t reach the chat server. Check your connection.
        </Notice>
      </main>
    );
  }
  return (
    <main className="flex min-h-full items-center justify-center">
      <Spinner label="Opening your chats" />
    </main>
  );
}

/** The login and register pages: a logged-in person goes on to where they were headed. */
export function GuestGate({ children }: { children: ReactNode }) {
  const { status } = useSession();
  const router = useRouter();

  useEffect(() => {
    if (status !== "authenticated") return;
    const next = new URLSearchParams(window.location.search).get("next");
    router.replace(next && next.startsWith("/") && !next.startsWith("//") ? next : "/rooms");
  }, [status, router]);

  if (status === "unknown" || status === "authenticated") return <Spinner label="Loading" />;
  return <>{children}</>;
}
