CREATE TABLE `cockpit_alert_silences` (
	`id` text PRIMARY KEY NOT NULL,
	`agent_id` text,
	`kind` text,
	`source` text,
	`tag` text,
	`starts_at` integer NOT NULL,
	`ends_at` integer NOT NULL,
	`comment` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`expired_by` text
);
--> statement-breakpoint
CREATE INDEX `alert_silences_ends_idx` ON `cockpit_alert_silences` (`ends_at`);--> statement-breakpoint
ALTER TABLE `cockpit_alerts` ADD `silence_id` text;--> statement-breakpoint
ALTER TABLE `cockpit_alerts` ADD `silenced_until` integer;--> statement-breakpoint
CREATE INDEX `alerts_silenced_until_idx` ON `cockpit_alerts` (`silenced_until`) WHERE "cockpit_alerts"."silenced_until" IS NOT NULL;--> statement-breakpoint
ALTER TABLE `cockpit_notify_channels` ADD `quiet_time_zone` text;--> statement-breakpoint
CREATE INDEX `notify_deliveries_channel_idx` ON `cockpit_notify_deliveries` (`channel_id`,`id`);