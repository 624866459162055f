CREATE TABLE `cockpit_push_subscriptions` (
	`id` text PRIMARY KEY NOT NULL,
	`channel_id` text NOT NULL,
	`endpoint` text NOT NULL,
	`keys_sealed` text NOT NULL,
	`device_name` text NOT NULL,
	`created_at` integer NOT NULL,
	`last_used_at` integer,
	`last_error` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `push_subscriptions_endpoint_idx` ON `cockpit_push_subscriptions` (`endpoint`);--> statement-breakpoint
CREATE INDEX `push_subscriptions_channel_idx` ON `cockpit_push_subscriptions` (`channel_id`);