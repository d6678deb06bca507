"use client";

import type { ReactNode } from "react";
import { ToastContext, useToastState } from "@/hooks/use-toasts";

export function ToastProvider({ children }: { children: ReactNode }) {
  const { toasts, dismiss, api } = useToastState();
  return (
    <ToastContext.Provider value={api}>
      {children}
      <div aria-live="polite" className="pointer-events-none fixed inset-x-0 top-3 z-50 flex flex-col items-center gap-2 px-3">
        {toasts.map((toast) => (
          <div
            key={toast.id}
            role={toast.tone === "error" ? "alert" : "status"}
            data-testid="toast"
            className={`pointer-events-auto flex max-w-md items-center gap-3 rounded-xl px-4 py-2 text-sm shadow-lg ${
              toast.tone === "error" ? "bg-rose-600 text-white" : "bg-gray-900 text-white"
            }`}
          >
            <span>{toast.text}</span>
            <button type="button" onClick={() => dismiss(toast.id)} aria-label="Dismiss" className="opacity-80 hover:opacity-100">
              ✕
            </button>
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}
