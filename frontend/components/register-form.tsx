"use client";

import Link from "next/link";
import { useState, type FormEvent } from "react";
import { useSession } from "@/hooks/use-session";
import { describeError, fieldErrors } from "@/lib/errors";
import { ApiError } from "@/lib/api";
import { Button } from "./button";
import { Field } from "./field";
import { Notice } from "./notice";

const USERNAME = /^[A-Za-z0-9_.-]{3,32}$/;

/** Checks what the server would reject anyway, so people learn the rules before submitting. */
function validate(form: { username: string; email: string; password: string }): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!USERNAME.test(form.username)) errors.username = "3–32 characters: letters, digits, _ . or -";
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(form.email)) errors.email = "Enter a valid email address.";
  if (form.password.length < 8 || form.password.length > 128) errors.password = "Use 8 to 128 characters.";
  return errors;
}

export function RegisterForm() {
  const { register } = useSession();
  const [form, setForm] = useState({ username: "", email: "", displayName: "", password: "" });
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const local = touched ? validate(form) : {};
  const server = fieldErrors(error);
  const conflict = error instanceof ApiError ? error.code : null;
  const fields: Record<string, string | undefined> = {
    ...server,
    ...local,
    ...(conflict === "USERNAME_TAKEN" ? { username: describeError(error) } : {}),
    ...(conflict === "EMAIL_TAKEN" ? { email: describeError(error) } : {}),
  };

  const set = (key: keyof typeof form) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [key]: e.target.value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (Object.keys(validate(form)).length > 0) return;
    setBusy(true);
    setError(null);
    try {
      await register({
        username: form.username.trim(),
        email: form.email.trim(),
        password: form.password,
        ...(form.displayName.trim() ? { displayName: form.displayName.trim() } : {}),
      });
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };

  const showBanner = error && conflict !== "USERNAME_TAKEN" && conflict !== "EMAIL_TAKEN";
  return (
    <form onSubmit={submit} className="flex flex-col gap-4" noValidate>
      {showBanner ? <Notice testId="auth-error">{describeError(error)}</Notice> : null}
      <Field label="Username" name="username" autoComplete="username" autoCapitalize="none" required value={form.username}
        onChange={set("username")} error={fields.username} hint="Others find you by it." data-testid="register-username" />
      <Field label="Display name (optional)" name="displayName" autoComplete="name" value={form.displayName}
        onChange={set("displayName")} data-testid="register-display-name" />
      <Field label="Email" name="email" type="email" autoComplete="email" required value={form.email}
        onChange={set("email")} error={fields.email} data-testid="register-email" />
      <Field label="Password" name="password" type="password" autoComplete="new-password" required value={form.password}
        onChange={set("password")} error={fields.password} hint="At least 8 characters." data-testid="register-password" />
      <Button type="submit" busy={busy} data-testid="register-submit">
        Create account
      </Button>
      <p className="text-center text-sm text-slate-600">
        Already have an account?{" "}
        <Link href="/login" className="font-medium text-indigo-700 hover:underline" data-testid="go-login">
          Log in
        </Link>
      </p>
    </form>
  );
}
