import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { TaskDetail } from "@/components/tasks/task-detail";
import { PageHeader } from "@/components/ui/page-header";
import { link } from "@/components/ui/styles";
import { loadTask } from "@/lib/dashboard/loaders";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Task" };

/** The id from the URL, or null when it cannot be one (malformed escapes, too long): either way "Task not found". */
function taskIdFrom(segment: string): string | null {
  try {
    const id = decodeURIComponent(segment);
    return id.length > 0 && id.length <= 128 ? id : null;
  } catch {
    return null;
  }
}

export default async function TaskPage({ params }: { params: Promise<{ id: string }> }) {
  const id = taskIdFrom((await params).id);
  const detail = id ? await loadTask(id) : null;
  if (!detail) notFound();
  return (
    <>
      <p className="mb-1 text-sm">
        <Link href="/tasks" className={link}>
          ← Tasks
        </Link>
      </p>
      <PageHeader title={detail.task.title} description={<span className="font-mono text-xs break-all">{detail.task.id}</span>} />
      <TaskDetail key={detail.task.id} initial={detail} />
    </>
  );
}
