CREATE TABLE `cockpit_agent_metrics` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`agent_id` text NOT NULL,
	`at` integer NOT NULL,
	`cpu_percent` real NOT NULL,
	`load1` real NOT NULL,
	`mem_used_percent` real NOT NULL,
	`disk_used_percent` real,
	`disk_free_bytes` integer,
	`battery_percent` real,
	`on_battery` integer,
	`agent_rss_bytes` integer NOT NULL,
	`system_uptime_sec` real NOT NULL,
	`disks` text
);
--> statement-breakpoint
CREATE INDEX `agent_metrics_agent_at_idx` ON `cockpit_agent_metrics` (`agent_id`,`at`);--> statement-breakpoint
CREATE INDEX `agent_metrics_at_idx` ON `cockpit_agent_metrics` (`at`);--> statement-breakpoint
CREATE TABLE `cockpit_agent_metrics_hourly` (
	`agent_id` text NOT NULL,
	`hour` integer NOT NULL,
	`samples` integer NOT NULL,
	`cpu_percent` real NOT NULL,
	`load1` real NOT NULL,
	`mem_used_percent` real NOT NULL,
	`disk_used_percent` real,
	`battery_percent` real,
	`agent_rss_bytes` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `agent_metrics_hourly_agent_hour_idx` ON `cockpit_agent_metrics_hourly` (`agent_id`,`hour`);--> statement-breakpoint
CREATE INDEX `agent_metrics_hourly_hour_idx` ON `cockpit_agent_metrics_hourly` (`hour`);--> statement-breakpoint
CREATE TABLE `cockpit_agent_presence_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`agent_id` text NOT NULL,
	`state` text NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `agent_presence_log_agent_at_idx` ON `cockpit_agent_presence_log` (`agent_id`,`at`);--> statement-breakpoint
ALTER TABLE `cockpit_agents` ADD `presence` text DEFAULT 'offline' NOT NULL;--> statement-breakpoint
ALTER TABLE `cockpit_agents` ADD `presence_since` integer;--> statement-breakpoint
ALTER TABLE `cockpit_agents` ADD `paused_at` integer;--> statement-breakpoint
ALTER TABLE `cockpit_agents` ADD `paused_by` text;--> statement-breakpoint
ALTER TABLE `cockpit_agents` ADD `last_slept_at` integer;--> statement-breakpoint
ALTER TABLE `cockpit_agents` ADD `last_woke_at` integer;