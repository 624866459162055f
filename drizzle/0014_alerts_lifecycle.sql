CREATE TABLE `cockpit_alert_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`alert_id` text NOT NULL,
	`type` text NOT NULL,
	`actor` text,
	`message` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `alert_events_alert_idx` ON `cockpit_alert_events` (`alert_id`,`id`);--> statement-breakpoint
CREATE TABLE `cockpit_notify_channels` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`type` text NOT NULL,
	`config_sealed` text NOT NULL,
	`enabled` integer DEFAULT true NOT NULL,
	`quiet_hours` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `cockpit_notify_deliveries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`outbox_id` integer NOT NULL,
	`alert_id` text,
	`channel_id` text NOT NULL,
	`event` text NOT NULL,
	`result` text NOT NULL,
	`http_status` integer,
	`error` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `notify_deliveries_alert_idx` ON `cockpit_notify_deliveries` (`alert_id`,`id`);--> statement-breakpoint
CREATE TABLE `cockpit_notify_outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`key` text NOT NULL,
	`alert_id` text,
	`channel_id` text NOT NULL,
	`event` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`lease_until` integer,
	`last_error` text,
	`http_status` integer,
	`sent_at` integer,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `notify_outbox_key_idx` ON `cockpit_notify_outbox` (`key`);--> statement-breakpoint
CREATE INDEX `notify_outbox_due_idx` ON `cockpit_notify_outbox` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `notify_outbox_alert_idx` ON `cockpit_notify_outbox` (`alert_id`,`id`);--> statement-breakpoint
CREATE TABLE `cockpit_notify_rules` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`severities` text DEFAULT '[]' NOT NULL,
	`sources` text DEFAULT '[]' NOT NULL,
	`agent_ids` text DEFAULT '[]' NOT NULL,
	`kinds` text DEFAULT '[]' NOT NULL,
	`channel_ids` text NOT NULL,
	`repeat_minutes` integer,
	`escalate_after_minutes` integer,
	`escalate_channel_ids` text DEFAULT '[]' NOT NULL,
	`enabled` integer DEFAULT true NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `cockpit_used_ack_links` (
	`nonce` text PRIMARY KEY NOT NULL,
	`alert_id` text NOT NULL,
	`used_at` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `cockpit_alerts` ADD `status` text DEFAULT 'open' NOT NULL;--> statement-breakpoint
ALTER TABLE `cockpit_alerts` ADD `dedup_key` text;--> statement-breakpoint
ALTER TABLE `cockpit_alerts` ADD `kind` text;--> statement-breakpoint
ALTER TABLE `cockpit_alerts` ADD `task_id` text;--> statement-breakpoint
ALTER TABLE `cockpit_alerts` ADD `repo_id` text;--> statement-breakpoint
ALTER TABLE `cockpit_alerts` ADD `count` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `cockpit_alerts` ADD `last_seen_at` integer;--> statement-breakpoint
ALTER TABLE `cockpit_alerts` ADD `triggered_at` integer;--> statement-breakpoint
ALTER TABLE `cockpit_alerts` ADD `ack_comment` text;--> statement-breakpoint
ALTER TABLE `cockpit_alerts` ADD `resolved_at` integer;--> statement-breakpoint
ALTER TABLE `cockpit_alerts` ADD `resolved_by` text;--> statement-breakpoint
ALTER TABLE `cockpit_alerts` ADD `resolve_reason` text;--> statement-breakpoint
ALTER TABLE `cockpit_alerts` ADD `snoozed_until` integer;--> statement-breakpoint
CREATE UNIQUE INDEX `alerts_dedup_key_idx` ON `cockpit_alerts` (`dedup_key`) WHERE "cockpit_alerts"."dedup_key" IS NOT NULL;--> statement-breakpoint
CREATE INDEX `alerts_status_created_idx` ON `cockpit_alerts` (`status`,`created_at`,`id`);