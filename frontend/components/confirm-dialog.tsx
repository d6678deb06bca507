"use client";

import { useState } from "react";
import { describeError } from "@/lib/errors";
import { Button } from "./button";
import { Dialog } from "./dialog";
import { Notice } from "./notice";

/** Asks before something that cannot be undone (or not easily); shows the failure if it fails. */
export function ConfirmDialog({
  open,
  title,
  body,
  confirmLabel,
  onConfirm,
  onClose,
}: {
  open: boolean;
  title: string;
  body: string;
  confirmLabel: string;
  onConfirm: () => Promise<unknown>;
  onClose: () => void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const close = () => {
    setError(null);
    onClose();
  };

  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await onConfirm();
      onClose();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open={open} onClose={close} title={title} testId="confirm-dialog">
      <p className="text-sm text-slate-600">{body}</p>
      {error ? (
        <div className="mt-3">
          <Notice>{describeError(error)}</Notice>
        </div>
      ) : null}
      <div className="mt-5 flex justify-end gap-2">
        <Button variant="secondary" onClick={close} data-testid="confirm-cancel">
          Cancel
        </Button>
        <Button variant="danger" busy={busy} onClick={confirm} data-testid="confirm-accept" autoFocus>
          {confirmLabel}
        </Button>
      </div>
    </Dialog>
  );
}
