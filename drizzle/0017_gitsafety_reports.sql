CREATE TABLE `cockpit_task_commits` (
	`sha` text NOT NULL,
	`task_id` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`sha`, `task_id`)
);
--> statement-breakpoint
CREATE INDEX `task_commits_task_idx` ON `cockpit_task_commits` (`task_id`);--> statement-breakpoint
ALTER TABLE `cockpit_git_repos` ADD `remote_identity` text;--> statement-breakpoint
ALTER TABLE `cockpit_git_repos` ADD `head_commit` text;--> statement-breakpoint
ALTER TABLE `cockpit_git_repos` ADD `unpushed_count` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `cockpit_git_repos` ADD `oldest_unpushed_at` integer;--> statement-breakpoint
ALTER TABLE `cockpit_git_repos` ADD `unpushed_files` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `cockpit_git_repos` ADD `stash_count` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `cockpit_git_repos` ADD `untracked_count` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `cockpit_git_repos` ADD `last_fetch_at` integer;--> statement-breakpoint
ALTER TABLE `cockpit_git_repos` ADD `worktrees` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `cockpit_git_repos` ADD `dirty_since` integer;--> statement-breakpoint
CREATE INDEX `repos_identity_idx` ON `cockpit_git_repos` (`remote_identity`);--> statement-breakpoint
ALTER TABLE `cockpit_tasks` ADD `requires_repo` text;--> statement-breakpoint
ALTER TABLE `cockpit_tasks` ADD `provenance` text;