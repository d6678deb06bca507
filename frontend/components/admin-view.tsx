"use client";

import { useDeadLetters } from "@/hooks/use-dead-letters";
import { useProjections } from "@/hooks/use-projections";
import { useSession } from "@/hooks/use-session";
import { useToasts } from "@/hooks/use-toasts";
import { describeError } from "@/lib/errors";
import { DeadLetterPanel } from "./dead-letter-panel";
import { Notice, Spinner } from "./notice";
import { ProjectionTable } from "./projection-table";

function AdminPanels() {
  const projections = useProjections();
  const deadLetters = useDeadLetters();
  const { notify } = useToasts();

  return (
    <>
      <section aria-labelledby="projections-heading" className="flex flex-col gap-2">
        <h2 id="projections-heading" className="text-sm font-semibold text-slate-700">Projections</h2>
        <p className="text-xs text-slate-500">Read models built from the event store; refreshed every 2 seconds. A rebuild replays every event while the chat keeps serving.</p>
        {projections.error ? <Notice tone={projections.projections ? "warning" : "error"}>{describeError(projections.error)}</Notice> : null}
        {projections.status === "loading" ? <Spinner label="Loading projections" /> : null}
        {projections.projections ? (
          <ProjectionTable projections={projections.projections} history={projections.history} onRebuild={projections.rebuild} notify={notify} />
        ) : null}
      </section>
      <section aria-labelledby="dead-letters-heading" className="flex flex-col gap-2">
        <h2 id="dead-letters-heading" className="text-sm font-semibold text-slate-700">Dead letters</h2>
        {deadLetters.status === "loading" ? <Spinner label="Loading dead letters" /> : null}
        {deadLetters.status === "error" ? <Notice>{describeError(deadLetters.error)}</Notice> : null}
        {deadLetters.status === "ready" ? <DeadLetterPanel letters={deadLetters.letters} onRetry={deadLetters.retry} notify={notify} /> : null}
      </section>
    </>
  );
}

/** Operations for app administrators: projection health and rebuilds, failed events. */
export function AdminView() {
  const { user } = useSession();
  const isAdmin = user?.role === "ADMIN";
  return (
    <div className="flex-1 overflow-y-auto bg-slate-50" data-testid="admin-view">
      <div className="mx-auto flex max-w-5xl flex-col gap-6 px-4 py-6">
        <h1 className="text-xl font-semibold tracking-tight">Administration</h1>
        {isAdmin ? <AdminPanels /> : <Notice testId="admin-forbidden">This page is only for administrators.</Notice>}
      </div>
    </div>
  );
}
