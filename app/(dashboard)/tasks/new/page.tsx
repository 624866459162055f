import type { Metadata } from "next";
import { CreateTaskForm } from "@/components/tasks/create-task-form";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireSession } from "@/lib/auth/session";
import { loadAgentIds, loadTaskFormOptions } from "@/lib/dashboard/loaders";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "New task" };

export default async function NewTaskPage() {
  const session = await requireSession();
  return (
    <>
      <PageHeader title="New task" description="It is offered at once to a connected agent that can run it, or waits in the queue." />
      {session.canWrite ? (
        <CreateTaskForm agentIds={await loadAgentIds()} options={await loadTaskFormOptions()} />
      ) : (
        <EmptyState title="Viewers cannot create tasks" testId="read-only">
          Sign in with an operator key to create tasks.
        </EmptyState>
      )}
    </>
  );
}
