-- Hand-written: task analytics rollups kept by triggers (tables in schema.ts: cockpit_task_rollups, _histograms,
-- _failure_reasons). Every way a task is created or ends (REST, lifecycle, sweep, claim SQL, seeds) is counted.
-- A task ending goes through one INSTEAD OF trigger on the view cockpit_task_endings, so the logic exists once.
-- Histogram bins: the value's floor to two significant digits in ms (lib/analytics/histogram.ts binOf mirrors it).
CREATE VIEW `cockpit_task_endings` AS
  SELECT 0 AS `ended_at`, '' AS `status`, '' AS `executor`, '' AS `priority`, '' AS `agent`, 0 AS `duration_ms`, 0 AS `wait_ms`, '' AS `reason`
  WHERE 0;
--> statement-breakpoint
CREATE TRIGGER `task_endings_rollup` INSTEAD OF INSERT ON `cockpit_task_endings` BEGIN
  INSERT INTO `cockpit_task_rollups` (`dim`, `bucket`, `key`, `completed`, `failed`, `timed_out`, `cancelled`)
    SELECT d.`dim`, (NEW.`ended_at` / 3600000) * 3600000, d.`key`,
      NEW.`status` = 'completed', NEW.`status` = 'failed', NEW.`status` = 'timed_out', NEW.`status` = 'cancelled'
    FROM (SELECT 'all' AS `dim`, '' AS `key` UNION ALL SELECT 'executor', NEW.`executor` UNION ALL SELECT 'priority', NEW.`priority`
          UNION ALL SELECT 'agent', NEW.`agent`) AS d
    WHERE true
    ON CONFLICT (`dim`, `bucket`, `key`) DO UPDATE SET
      `completed` = `completed` + excluded.`completed`, `failed` = `failed` + excluded.`failed`,
      `timed_out` = `timed_out` + excluded.`timed_out`, `cancelled` = `cancelled` + excluded.`cancelled`;
  INSERT INTO `cockpit_task_histograms` (`dim`, `bucket`, `key`, `metric`, `bin`, `n`)
    SELECT d.`dim`, (NEW.`ended_at` / 3600000) * 3600000, d.`key`, m.`metric`,
      CAST(substr(m.`s`, 1, 2) || substr('0000000000000000000', 1, max(length(m.`s`) - 2, 0)) AS INTEGER), 1
    FROM (SELECT 'all' AS `dim`, '' AS `key` UNION ALL SELECT 'executor', NEW.`executor` UNION ALL SELECT 'priority', NEW.`priority`
          UNION ALL SELECT 'agent', NEW.`agent`) AS d,
         (SELECT 'duration' AS `metric`, CAST(CAST(max(NEW.`duration_ms`, 0) AS INTEGER) AS TEXT) AS `s` WHERE NEW.`duration_ms` IS NOT NULL
          UNION ALL SELECT 'wait', CAST(CAST(max(NEW.`wait_ms`, 0) AS INTEGER) AS TEXT) WHERE NEW.`wait_ms` IS NOT NULL) AS m
    WHERE true
    ON CONFLICT (`dim`, `bucket`, `key`, `metric`, `bin`) DO UPDATE SET `n` = `n` + 1;
  INSERT INTO `cockpit_task_failure_reasons` (`dim`, `bucket`, `key`, `reason`, `n`)
    SELECT d.`dim`, (NEW.`ended_at` / 3600000) * 3600000, d.`key`, substr(COALESCE(NEW.`reason`, NEW.`status`), 1, 120), 1
    FROM (SELECT 'all' AS `dim`, '' AS `key` UNION ALL SELECT 'executor', NEW.`executor` UNION ALL SELECT 'priority', NEW.`priority`
          UNION ALL SELECT 'agent', NEW.`agent`) AS d
    WHERE NEW.`status` IN ('failed', 'timed_out')
    ON CONFLICT (`dim`, `bucket`, `key`, `reason`) DO UPDATE SET `n` = `n` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `tasks_rollup_insert` AFTER INSERT ON `cockpit_tasks` BEGIN
  INSERT INTO `cockpit_task_rollups` (`dim`, `bucket`, `key`, `created`)
    SELECT d.`dim`, (NEW.`created_at` / 3600000) * 3600000, d.`key`, 1
    FROM (SELECT 'all' AS `dim`, '' AS `key` UNION ALL SELECT 'executor', NEW.`executor` UNION ALL SELECT 'priority', NEW.`priority`) AS d
    WHERE true
    ON CONFLICT (`dim`, `bucket`, `key`) DO UPDATE SET `created` = `created` + 1;
  INSERT INTO `cockpit_task_endings`
    SELECT COALESCE(NEW.`completed_at`, NEW.`updated_at`), NEW.`status`, NEW.`executor`, NEW.`priority`, COALESCE(NEW.`assigned_agent_id`, ''),
      NEW.`completed_at` - NEW.`started_at`, COALESCE(NEW.`started_at`, NEW.`assigned_at`) - NEW.`created_at`, NEW.`error`
    WHERE NEW.`status` IN ('completed', 'failed', 'timed_out', 'cancelled');
END;
--> statement-breakpoint
CREATE TRIGGER `tasks_rollup_end` AFTER UPDATE OF `status` ON `cockpit_tasks`
  WHEN NEW.`status` IN ('completed', 'failed', 'timed_out', 'cancelled') AND OLD.`status` NOT IN ('completed', 'failed', 'timed_out', 'cancelled') BEGIN
  INSERT INTO `cockpit_task_endings`
    SELECT COALESCE(NEW.`completed_at`, NEW.`updated_at`), NEW.`status`, NEW.`executor`, NEW.`priority`, COALESCE(NEW.`assigned_agent_id`, ''),
      NEW.`completed_at` - NEW.`started_at`, COALESCE(NEW.`started_at`, NEW.`assigned_at`) - NEW.`created_at`, NEW.`error`;
END;
--> statement-breakpoint
-- Backfill from the tasks that exist (once, at migration).
INSERT INTO `cockpit_task_rollups` (`dim`, `bucket`, `key`, `created`)
  SELECT 'all', (`created_at` / 3600000) * 3600000, '', count(*) FROM `cockpit_tasks` GROUP BY 2
  UNION ALL SELECT 'executor', (`created_at` / 3600000) * 3600000, `executor`, count(*) FROM `cockpit_tasks` GROUP BY 2, 3
  UNION ALL SELECT 'priority', (`created_at` / 3600000) * 3600000, `priority`, count(*) FROM `cockpit_tasks` GROUP BY 2, 3;
--> statement-breakpoint
INSERT INTO `cockpit_task_endings`
  SELECT COALESCE(`completed_at`, `updated_at`), `status`, `executor`, `priority`, COALESCE(`assigned_agent_id`, ''),
    `completed_at` - `started_at`, COALESCE(`started_at`, `assigned_at`) - `created_at`, `error`
  FROM `cockpit_tasks` WHERE `status` IN ('completed', 'failed', 'timed_out', 'cancelled');
