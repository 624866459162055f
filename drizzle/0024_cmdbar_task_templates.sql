CREATE TABLE `cockpit_task_templates` (
	`name` text PRIMARY KEY NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`executor` text NOT NULL,
	`payload` text,
	`priority` text DEFAULT 'medium' NOT NULL,
	`requires` text DEFAULT '[]' NOT NULL,
	`requires_repo` text,
	`target_agent_id` text,
	`created_by` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
