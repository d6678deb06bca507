"use client";

import { createContext, useCallback, useContext, useMemo, useState } from "react";

export interface Toast {
  id: number;
  text: string;
  tone: "info" | "error";
}

export interface ToastApi {
  notify: (text: string, tone?: Toast["tone"]) => void;
}

export const ToastContext = createContext<ToastApi>({ notify: () => undefined });

/** Short-lived notices (e.g. an action that failed); the ToastProvider component renders them. */
export function useToastState() {
  const [toasts, setToasts] = useState<Toast[]>([]);

  const dismiss = useCallback((id: number) => setToasts((list) => list.filter((t) => t.id !== id)), []);

  const notify = useCallback(
    (text: string, tone: Toast["tone"] = "info") => {
      const id = Date.now() + Math.random();
      setToasts((list) => [...list.slice(-2), { id, text, tone }]);
      setTimeout(() => dismiss(id), tone === "error" ? 6000 : 3500);
    },
    [dismiss],
  );

  const api = useMemo<ToastApi>(() => ({ notify }), [notify]);
  return { toasts, dismiss, api };
}

export function useToasts() {
  return useContext(ToastContext);
}
