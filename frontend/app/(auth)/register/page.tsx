import type { Metadata } from "next";
import { AuthShell } from "@/components/auth-shell";
import { RegisterForm } from "@/components/register-form";
import { GuestGate } from "@/components/session-gate";

export const metadata: Metadata = { title: "Create account" };

export default function RegisterPage() {
  return (
    <AuthShell title="Create your account" subtitle="It takes a few seconds.">
      <GuestGate>
        <RegisterForm />
      </GuestGate>
    </AuthShell>
  );
}
