"use client";

import Link from "next/link";
import { useState, type FormEvent } from "react";
import { useSession } from "@/hooks/use-session";
import { describeError, fieldErrors, sessionEndedMessage } from "@/lib/errors";
import { Button } from "./button";
import { Field } from "./field";
import { Notice } from "./notice";

export function LoginForm() {
  const { login, ended } = useSession();
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const fields = fieldErrors(error);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await login({ username: username.trim(), password });
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} className="flex flex-col gap-4" noValidate>
      {ended && !error ? (
        <Notice tone="info" testId="session-ended">
          {sessionEndedMessage(ended)}
        </Notice>
      ) : null}
      {error ? <Notice testId="auth-error">{describeError(error)}</Notice> : null}
      <Field
        label="Username or email"
        name="username"
        autoComplete="username"
        autoCapitalize="none"
        required
        value={username}
        onChange={(e) => setUsername(e.target.value)}
        error={fields.username}
        data-testid="login-username"
      />
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete="current-password"
        required
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        error={fields.password}
        data-testid="login-password"
      />
      <Button type="submit" busy={busy} disabled={!username.trim() || !password} data-testid="login-submit">
        Log in
      </Button>
      <p className="text-center text-sm text-slate-600">
        New here?{" "}
        <Link href="/register" className="font-medium text-indigo-700 hover:underline" data-testid="go-register">
          Create an account
        </Link>
      </p>
    </form>
  );
}
