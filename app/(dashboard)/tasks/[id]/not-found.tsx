import type { Metadata } from "next";
import Link from "next/link";
import { Problem } from "@/components/errors/problem";
import { primaryButton, secondaryButton } from "@/components/ui/styles";

export const metadata: Metadata = { title: "Task not found" };

/** A wrong or unknown task id: said plainly, inside the dashboard, with the way back to the list. */
export default function TaskNotFound() {
  return (
    <Problem
      code="404"
      title="Task not found"
      testId="not-found"
      actions={
        <>
          <Link href="/tasks" className={primaryButton} data-testid="back-to-tasks">
            Back to tasks
          </Link>
          <Link href="/tasks/new" className={secondaryButton}>
            New task
          </Link>
        </>
      }
    >
      <p>No task has this id. Check the link, or find the task in the list.</p>
    </Problem>
  );
}
