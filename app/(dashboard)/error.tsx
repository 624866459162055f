"use client";
import { ErrorView } from "@/components/errors/error-view";

/** A page of the dashboard failed: the header, navigation and live status stay; the page offers a retry. */
export default function DashboardError({ error, retry }: { error: unknown; retry: () => void }) {
  return <ErrorView error={error} retry={retry} />;
}
