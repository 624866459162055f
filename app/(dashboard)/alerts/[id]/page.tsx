import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AlertDetail } from "@/components/alerts/alert-detail";
import { PageHeader } from "@/components/ui/page-header";
import { link } from "@/components/ui/styles";
import { loadAlertDetail } from "@/lib/alerts/detail";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Alert" };

function alertIdFrom(segment: string): string | null {
  try {
    const id = decodeURIComponent(segment);
    return id.length > 0 && id.length <= 128 ? id : null;
  } catch {
    return null;
  }
}

/** Where a notification's "Open in Cockpit" lands: state, links, timeline and delivery log. */
export default async function AlertPage({ params }: { params: Promise<{ id: string }> }) {
  const id = alertIdFrom((await params).id);
  const detail = id ? await loadAlertDetail(id) : null;
  if (!detail) notFound();
  return (
    <>
      <p className="mb-1 text-sm">
        <Link href="/alerts" className={link}>
          ← Alerts
        </Link>
      </p>
      <PageHeader title={detail.alert.title} description={<span className="font-mono text-xs">{detail.alert.id}</span>} />
      <AlertDetail key={detail.alert.id} initial={detail} />
    </>
  );
}
