import type { Metadata } from "next";
import { AuthShell } from "@/components/auth-shell";
import { LoginForm } from "@/components/login-form";
import { GuestGate } from "@/components/session-gate";

export const metadata: Metadata = { title: "Log in" };

export default function LoginPage() {
  return (
    <AuthShell title="Welcome back" subtitle="Log in to EventChat to pick up your conversations.">
      <GuestGate>
        <LoginForm />
      </GuestGate>
    </AuthShell>
  );
}
