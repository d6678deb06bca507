"use client";

import { useCallback, useEffect, useState } from "react";
import { getApi, type ApiError, type UpdateProfileRequest, type UserProfile } from "@/lib/api";

/** The caller's own account: profile fields, password and deactivation. */
export function useProfile() {
  const [profile, setProfile] = useState<UserProfile | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    let active = true;
    getApi()
      .users.me()
      .then((me) => active && setProfile(me))
      .catch((e: ApiError) => active && setError(e));
    return () => {
      active = false;
    };
  }, []);

  const save = useCallback(async (changes: UpdateProfileRequest) => {
    setProfile(await getApi().users.updateMe(changes));
  }, []);

  /** The server ends every session on a password change, so this logs in again with the new one. */
  const changePassword = useCallback(async (currentPassword: string, newPassword: string) => {
    const api = getApi();
    const username = api.http.getSession().user?.username;
    await api.users.changePassword({ currentPassword, newPassword });
    if (username) await api.auth.login({ username, password: newPassword });
  }, []);

  const deactivate = useCallback(() => getApi().users.deactivate(), []);

  return {
    profile,
    status: profile ? "ready" : error ? "error" : "loading",
    error,
    save,
    changePassword,
    deactivate,
  } as const;
}
