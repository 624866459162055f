import type { Metadata } from "next";
import { TemplatesAdmin } from "@/components/templates/templates-admin";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/roles";
import { requireSession } from "@/lib/auth/session";
import { listTemplates, templateJson } from "@/lib/templates/store";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Templates" };

/** Task templates: the command bar's `/<name>` quick actions. */
export default async function TemplatesPage() {
  const session = await requireSession();
  const templates = (await listTemplates()).map(templateJson);
  return (
    <>
      <PageHeader
        title="Templates"
        description="Quick actions for the command bar (⌘K, or the bar at the bottom on a phone): /<name> [words] creates the template's task."
      />
      <TemplatesAdmin templates={templates} isAdmin={can(session.role, "admin")} />
    </>
  );
}
