"use client";

import { useCallback, useEffect, useSyncExternalStore } from "react";
import { getApi, type LoginRequest, type RegisterRequest, type SessionSnapshot } from "@/lib/api";
import { forgetDrafts } from "./use-draft";
import { forgetOutbox } from "./use-outbox";

const SERVER_SNAPSHOT: SessionSnapshot = { status: "unknown", user: null };
let restoring: Promise<unknown> | null = null;

function subscribe(listener: () => void) {
  return getApi().http.subscribe(listener);
}

/** The login session: restored from the stored refresh token on first use, shared by the whole app. */
export function useSession() {
  const session = useSyncExternalStore(subscribe, () => getApi().http.getSession(), () => SERVER_SNAPSHOT);

  useEffect(() => {
    if (getApi().http.getSession().status === "unknown" && !restoring) {
      restoring = getApi().http.restore().finally(() => {
        restoring = null;
      });
    }
  }, []);

  const login = useCallback((request: LoginRequest) => getApi().auth.login(request), []);
  const register = useCallback((request: RegisterRequest) => getApi().auth.register(request), []);
  const logout = useCallback(async () => {
    const userId = getApi().http.getSession().user?.id;
    try {
      await getApi().auth.logout();
    } finally {
      // What was written but not sent stays on this device only for as long as its author is logged in.
      if (userId) {
        forgetOutbox(userId);
        forgetDrafts(userId);
      }
    }
  }, []);
  const retry = useCallback(() => {
    if (!restoring) {
      restoring = getApi().http.restore().finally(() => {
        restoring = null;
      });
    }
  }, []);

  return { status: session.status, user: session.user, ended: session.ended ?? null, login, register, logout, retry };
}
