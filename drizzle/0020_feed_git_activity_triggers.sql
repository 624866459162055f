-- Hand-written: git changes for the activity feed (lib/db/schema-activity.ts). A repo row keeps only its latest state,
-- so its changes are recorded here as they are written, by every path that upserts repos (ingest, seeds).
-- An upsert's DO UPDATE fires the UPDATE triggers; `IS NOT` treats NULLs as values.
CREATE TRIGGER `git_activity_seen` AFTER INSERT ON `cockpit_git_repos` BEGIN
  INSERT INTO `cockpit_git_activity` (`at`, `type`, `agent_id`, `repo_id`, `repo_name`, `message`)
    VALUES (NEW.`last_checked`, 'seen', NEW.`agent_id`, NEW.`repo_id`, NEW.`name`, COALESCE(NEW.`branch`, '') || ' ' || COALESCE(NEW.`status`, ''));
END;
--> statement-breakpoint
CREATE TRIGGER `git_activity_branch` AFTER UPDATE OF `branch` ON `cockpit_git_repos` WHEN OLD.`branch` IS NOT NEW.`branch` BEGIN
  INSERT INTO `cockpit_git_activity` (`at`, `type`, `agent_id`, `repo_id`, `repo_name`, `message`)
    VALUES (NEW.`last_checked`, 'branch', NEW.`agent_id`, NEW.`repo_id`, NEW.`name`, COALESCE(OLD.`branch`, '(none)') || ' → ' || COALESCE(NEW.`branch`, '(none)'));
END;
--> statement-breakpoint
CREATE TRIGGER `git_activity_head` AFTER UPDATE OF `head_commit` ON `cockpit_git_repos`
  WHEN OLD.`head_commit` IS NOT NEW.`head_commit` AND NEW.`head_commit` IS NOT NULL BEGIN
  INSERT INTO `cockpit_git_activity` (`at`, `type`, `agent_id`, `repo_id`, `repo_name`, `message`)
    VALUES (NEW.`last_checked`, 'head', NEW.`agent_id`, NEW.`repo_id`, NEW.`name`, COALESCE(substr(OLD.`head_commit`, 1, 7), '(none)') || ' → ' || substr(NEW.`head_commit`, 1, 7));
END;
--> statement-breakpoint
CREATE TRIGGER `git_activity_status` AFTER UPDATE OF `status` ON `cockpit_git_repos` WHEN OLD.`status` IS NOT NEW.`status` BEGIN
  INSERT INTO `cockpit_git_activity` (`at`, `type`, `agent_id`, `repo_id`, `repo_name`, `message`)
    VALUES (NEW.`last_checked`, 'status', NEW.`agent_id`, NEW.`repo_id`, NEW.`name`, COALESCE(OLD.`status`, '(none)') || ' → ' || COALESCE(NEW.`status`, '(none)'));
END;
