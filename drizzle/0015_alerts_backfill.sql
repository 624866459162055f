-- Hand-written: alerts from before the lifecycle: acknowledged ones are in state acknowledged; first trigger = creation.
UPDATE `cockpit_alerts` SET `status` = 'acknowledged' WHERE `acknowledged` = 1;
--> statement-breakpoint
UPDATE `cockpit_alerts` SET `last_seen_at` = `created_at`, `triggered_at` = `created_at` WHERE `last_seen_at` IS NULL;
