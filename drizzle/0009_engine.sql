CREATE TABLE `cockpit_agent_owners` (
	`agent_id` text PRIMARY KEY NOT NULL,
	`key_id` text NOT NULL,
	`claimed_at` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `cockpit_tasks` ADD `idempotent` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `cockpit_tasks` ADD `expiries` integer DEFAULT 0 NOT NULL;
--> statement-breakpoint
-- Agents seen before owners existed belong to the key they last registered with.
INSERT INTO `cockpit_agent_owners` (`agent_id`, `key_id`, `claimed_at`) SELECT `id`, `key_id`, `last_seen_at` FROM `cockpit_agents` WHERE `key_id` IS NOT NULL;
