import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { TaskDetail } from "@/components/tasks/task-detail";
import { PageHeader } from "@/components/ui/page-header";
import { link } from "@/components/ui/styles";
import { loadTask } from "@/lib/dashboard/loaders";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Task" };

export default async function TaskPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const detail = id.length <= 128 ? await loadTask(decodeURIComponent(id)) : null;
  if (!detail) notFound();
  return (
    <>
      <p className="mb-1 text-sm">
        <Link href="/tasks" className={link}>← Tasks</Link>
      </p>
      <PageHeader title={detail.task.title} description={<span className="font-mono text-xs">{detail.task.id}</span>} />
      <TaskDetail key={detail.task.id} initial={detail} />
    </>
  );
}
