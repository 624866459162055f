CREATE TABLE `cockpit_account_holds` (
	`account` text PRIMARY KEY NOT NULL,
	`until` integer NOT NULL,
	`reason` text,
	`agent_id` text,
	`task_id` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `cockpit_approvals` (
	`id` text PRIMARY KEY NOT NULL,
	`agent_id` text NOT NULL,
	`session_id` text NOT NULL,
	`tool_name` text NOT NULL,
	`command` text NOT NULL,
	`pattern` text NOT NULL,
	`cwd` text,
	`status` text DEFAULT 'pending' NOT NULL,
	`reason` text,
	`decided_by` text,
	`decided_at` integer,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `approvals_status_idx` ON `cockpit_approvals` (`status`,`created_at`);--> statement-breakpoint
CREATE TABLE `cockpit_sessions` (
	`agent_id` text NOT NULL,
	`session_id` text NOT NULL,
	`tool` text NOT NULL,
	`state` text NOT NULL,
	`last_event` text NOT NULL,
	`cwd` text,
	`branch` text,
	`message` text,
	`started_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`waiting_since` integer,
	PRIMARY KEY(`agent_id`, `session_id`)
);
--> statement-breakpoint
CREATE INDEX `sessions_state_idx` ON `cockpit_sessions` (`state`,`updated_at`);