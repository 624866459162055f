CREATE TABLE `cockpit_task_failure_reasons` (
	`dim` text NOT NULL,
	`bucket` integer NOT NULL,
	`key` text NOT NULL,
	`reason` text NOT NULL,
	`n` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`dim`, `bucket`, `key`, `reason`)
);
--> statement-breakpoint
CREATE TABLE `cockpit_task_histograms` (
	`dim` text NOT NULL,
	`bucket` integer NOT NULL,
	`key` text NOT NULL,
	`metric` text NOT NULL,
	`bin` integer NOT NULL,
	`n` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`dim`, `bucket`, `key`, `metric`, `bin`)
);
--> statement-breakpoint
CREATE TABLE `cockpit_task_log_state` (
	`task_id` text NOT NULL,
	`attempt` integer NOT NULL,
	`bytes` integer DEFAULT 0 NOT NULL,
	`first_seq` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`task_id`, `attempt`)
);
--> statement-breakpoint
CREATE TABLE `cockpit_task_logs` (
	`task_id` text NOT NULL,
	`attempt` integer NOT NULL,
	`seq` integer NOT NULL,
	`chunk` text NOT NULL,
	`bytes` integer NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`task_id`, `attempt`, `seq`)
);
--> statement-breakpoint
CREATE TABLE `cockpit_task_rollups` (
	`dim` text NOT NULL,
	`bucket` integer NOT NULL,
	`key` text NOT NULL,
	`created` integer DEFAULT 0 NOT NULL,
	`completed` integer DEFAULT 0 NOT NULL,
	`failed` integer DEFAULT 0 NOT NULL,
	`timed_out` integer DEFAULT 0 NOT NULL,
	`cancelled` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`dim`, `bucket`, `key`)
);
