"use client";

import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { useState, type ReactNode } from "react";
import { useSession } from "@/hooks/use-session";
import { Avatar } from "./avatar";
import { ThemeToggle } from "./theme-toggle";

const ICONS: Record<string, ReactNode> = {
  chats: <path d="M4 5h16v10H8l-4 4V5z" strokeLinejoin="round" />,
  contacts: (
    <>
      <circle cx="9" cy="8" r="3.5" />
      <path d="M2.5 20c.8-3.6 3.4-5.5 6.5-5.5s5.7 1.9 6.5 5.5M16 4.8a3.5 3.5 0 010 6.4M18.5 14.8c1.6.9 2.6 2.6 3 5.2" strokeLinecap="round" />
    </>
  ),
  admin: (
    <>
      <path d="M12 3l7 3v5c0 4.5-3 8.2-7 10-4-1.8-7-5.5-7-10V6l7-3z" strokeLinejoin="round" />
      <path d="M9 12l2 2 4-4" strokeLinecap="round" strokeLinejoin="round" />
    </>
  ),
  logout: <path d="M15 4h4v16h-4M10 8l-4 4 4 4M6 12h10" strokeLinecap="round" strokeLinejoin="round" />,
};

function Icon({ name }: { name: string }) {
  return (
    <svg viewBox="0 0 24 24" className="size-6" fill="none" stroke="currentColor" strokeWidth="1.8" aria-hidden>
      {ICONS[name]}
    </svg>
  );
}

/** Main navigation: a rail on wide screens, a tab bar on phones (hidden inside a conversation). */
export function AppNav() {
  const pathname = usePathname();
  const router = useRouter();
  const { user, logout } = useSession();
  const [leaving, setLeaving] = useState(false);
  const inRoom = /^\/rooms\/[^/]+/.test(pathname);
  const name = user?.displayName || user?.username || "";

  const items = [
    { href: "/rooms", label: "Chats", icon: "chats", testId: "nav-rooms", active: pathname.startsWith("/rooms") },
    { href: "/contacts", label: "Contacts", icon: "contacts", testId: "nav-contacts", active: pathname.startsWith("/contacts") },
    ...(user?.role === "ADMIN"
      ? [{ href: "/admin", label: "Admin", icon: "admin", testId: "nav-admin", active: pathname.startsWith("/admin") }]
      : []),
  ];

  const onLogout = async () => {
    setLeaving(true);
    try {
      await logout();
    } catch {
      // The local session is gone whatever the server answered.
    }
    router.replace("/login");
  };

  const linkClass = (active: boolean) =>
    `flex flex-1 flex-col items-center gap-0.5 rounded-xl px-2 py-1.5 text-[11px] font-medium md:flex-none md:w-16 ${
      active ? "text-indigo-700 md:bg-indigo-50" : "text-slate-500 hover:text-slate-800 md:hover:bg-slate-100"
    }`;

  return (
    <nav
      aria-label="Main"
      className={`${inRoom ? "hidden md:flex" : "flex"} order-last shrink-0 border-t border-slate-200 bg-surface px-2 pb-[env(safe-area-inset-bottom)] md:order-first md:flex-col md:items-center md:gap-2 md:border-t-0 md:border-r md:px-2 md:py-4`}
    >
      <span className="mb-4 hidden size-10 items-center justify-center rounded-xl bg-indigo-600 text-white md:inline-flex" aria-hidden>
        <Icon name="chats" />
      </span>
      {items.map((item) => (
        <Link key={item.href} href={item.href} className={linkClass(item.active)} aria-current={item.active ? "page" : undefined} data-testid={item.testId}>
          <Icon name={item.icon} />
          {item.label}
        </Link>
      ))}
      <Link href="/profile" className={`${linkClass(pathname.startsWith("/profile"))} md:mt-auto`} aria-current={pathname.startsWith("/profile") ? "page" : undefined} data-testid="nav-profile">
        {name ? <Avatar name={name} size="sm" /> : <span className="size-8" />}
        <span className="max-w-16 truncate">Profile</span>
      </Link>
      <ThemeToggle className={linkClass(false)} />
      <button type="button" onClick={onLogout} disabled={leaving} className={linkClass(false)} data-testid="logout-button">
        <Icon name="logout" />
        Log out
      </button>
    </nav>
  );
}
