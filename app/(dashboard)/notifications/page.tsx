import type { Metadata } from "next";
import { NotificationsAdmin } from "@/components/notify/notifications-admin";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/roles";
import { requireSession } from "@/lib/auth/session";
import { listSubscriptions, subscriptionJson } from "@/lib/notify/push/store";
import { channelJson, listChannels, listRules, ruleJson } from "@/lib/notify/store";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Notifications" };

/** Admins set up where alerts go: channels (secrets masked), rules, and a test send per channel. */
export default async function NotificationsPage() {
  const session = await requireSession();
  if (!can(session.role, "admin")) {
    return (
      <>
        <PageHeader title="Notifications" description="Only admins configure notifications." />
      </>
    );
  }
  const [channels, rules, devices] = await Promise.all([listChannels(), listRules(), listSubscriptions()]);
  return (
    <>
      <PageHeader title="Notifications" description="Where alerts reach people: Slack, Discord, ntfy, Telegram, email, Web Push or a signed webhook." />
      <NotificationsAdmin channels={channels.map(channelJson)} rules={rules.map(ruleJson)} devices={devices.map(subscriptionJson)} />
    </>
  );
}
