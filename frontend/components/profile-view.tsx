"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent, type ReactNode } from "react";
import type { UserProfile } from "@/lib/api";
import { useProfile } from "@/hooks/use-profile";
import { useToasts } from "@/hooks/use-toasts";
import { describeError, fieldErrors } from "@/lib/errors";
import { Avatar } from "./avatar";
import { Button } from "./button";
import { ConfirmDialog } from "./confirm-dialog";
import { Field } from "./field";
import { Notice, Spinner } from "./notice";

function Card({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="rounded-2xl bg-surface p-5 shadow-sm ring-1 ring-slate-200">
      <h2 className="mb-4 font-semibold">{title}</h2>
      {children}
    </section>
  );
}

function DetailsForm({ profile, save }: { profile: UserProfile; save: ReturnType<typeof useProfile>["save"] }) {
  const { notify } = useToasts();
  const [displayName, setDisplayName] = useState(profile.displayName ?? "");
  const [email, setEmail] = useState(profile.email);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const fields = fieldErrors(error);
  const changed = displayName.trim() !== (profile.displayName ?? "") || email.trim() !== profile.email;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await save({ displayName: displayName.trim(), email: email.trim() });
      notify("Profile saved");
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} className="flex flex-col gap-4">
      {error && Object.keys(fields).length === 0 ? <Notice>{describeError(error)}</Notice> : null}
      <Field label="Display name" value={displayName} maxLength={100} onChange={(e) => setDisplayName(e.target.value)} error={fields.displayName} data-testid="profile-display-name" />
      <Field label="Email" type="email" value={email} onChange={(e) => setEmail(e.target.value)} error={fields.email} data-testid="profile-email" />
      <div>
        <Button type="submit" busy={busy} disabled={!changed} data-testid="profile-save">
          Save changes
        </Button>
      </div>
    </form>
  );
}

function PasswordForm({ changePassword }: { changePassword: ReturnType<typeof useProfile>["changePassword"] }) {
  const { notify } = useToasts();
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const tooShort = next.length > 0 && next.length < 8;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await changePassword(current, next);
      setCurrent("");
      setNext("");
      notify("Password changed. Other devices were logged out.");
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} className="flex flex-col gap-4">
      {error ? <Notice>{describeError(error)}</Notice> : null}
      <Field label="Current password" type="password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} data-testid="password-current" />
      <Field label="New password" type="password" autoComplete="new-password" value={next} onChange={(e) => setNext(e.target.value)}
        error={tooShort ? "Use at least 8 characters." : undefined} hint="8 to 128 characters." data-testid="password-new" />
      <div>
        <Button type="submit" busy={busy} disabled={!current || next.length < 8} data-testid="password-save">
          Change password
        </Button>
      </div>
    </form>
  );
}

/** The person's own account. */
export function ProfileView() {
  const router = useRouter();
  const { profile, status, error, save, changePassword, deactivate } = useProfile();
  const [confirming, setConfirming] = useState(false);

  return (
    <div className="flex-1 overflow-y-auto bg-slate-50">
      <div className="mx-auto flex max-w-2xl flex-col gap-6 px-4 py-6">
        <h1 className="text-xl font-semibold tracking-tight">Profile</h1>
        {status === "loading" ? <Spinner label="Loading profile" /> : null}
        {status === "error" ? <Notice>{describeError(error)}</Notice> : null}
        {profile ? (
          <>
            <div className="flex items-center gap-4">
              <Avatar name={profile.displayName || profile.username} size="lg" />
              <div>
                <p className="text-lg font-semibold" data-testid="profile-name">{profile.displayName || profile.username}</p>
                <p className="text-sm text-slate-500">
                  @{profile.username} · member since {new Date(profile.createdAt).toLocaleDateString()}
                </p>
              </div>
            </div>
            <Card title="Your details">
              <DetailsForm key={`${profile.displayName}|${profile.email}`} profile={profile} save={save} />
            </Card>
            <Card title="Password">
              <PasswordForm changePassword={changePassword} />
            </Card>
            <Card title="Deactivate account">
              <p className="mb-4 text-sm text-slate-600">
                You will be logged out everywhere and can no longer log in. Your messages stay in the conversations.
              </p>
              <Button variant="danger" onClick={() => setConfirming(true)} data-testid="deactivate-account">
                Deactivate my account
              </Button>
            </Card>
          </>
        ) : null}
      </div>
      <ConfirmDialog
        open={confirming}
        onClose={() => setConfirming(false)}
        title="Deactivate your account?"
        body="You will be logged out on every device and will not be able to log in again."
        confirmLabel="Deactivate"
        onConfirm={async () => {
          await deactivate();
          router.replace("/login");
        }}
      />
    </div>
  );
}
