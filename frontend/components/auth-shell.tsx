import type { ReactNode } from "react";

export function AuthShell({ title, subtitle, children }: { title: string; subtitle: string; children: ReactNode }) {
  return (
    <main className="flex min-h-full items-center justify-center bg-gradient-to-br from-indigo-50 via-slate-100 to-slate-50 px-4 py-10">
      <div className="w-full max-w-sm">
        <div className="mb-6 flex flex-col items-center gap-2 text-center">
          <span className="inline-flex size-12 items-center justify-center rounded-2xl bg-indigo-600 text-white shadow-lg" aria-hidden>
            <svg viewBox="0 0 24 24" className="size-7" fill="none" stroke="currentColor" strokeWidth="2">
              <path d="M4 5h16v10H8l-4 4V5z" strokeLinejoin="round" />
            </svg>
          </span>
          <p className="text-sm font-semibold tracking-wide text-indigo-700" data-testid="product-name">
            EventChat
          </p>
          <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
          <p className="text-sm text-slate-600">{subtitle}</p>
        </div>
        <div className="rounded-2xl bg-surface p-6 shadow-xl ring-1 ring-slate-200">{children}</div>
      </div>
    </main>
  );
}
