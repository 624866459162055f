-- Counts kept by triggers: tasks by status, alerts by severity and acknowledged (see cockpit_counts in schema.ts).
INSERT INTO `cockpit_counts` (`scope`, `key`, `n`) SELECT 'task_status', `status`, count(*) FROM `cockpit_tasks` GROUP BY `status`;
--> statement-breakpoint
INSERT INTO `cockpit_counts` (`scope`, `key`, `n`) SELECT 'alert', `severity` || ':' || `acknowledged`, count(*) FROM `cockpit_alerts` GROUP BY `severity`, `acknowledged`;
--> statement-breakpoint
CREATE TRIGGER `tasks_count_insert` AFTER INSERT ON `cockpit_tasks` BEGIN
  INSERT INTO `cockpit_counts` (`scope`, `key`, `n`) VALUES ('task_status', NEW.`status`, 1)
    ON CONFLICT (`scope`, `key`) DO UPDATE SET `n` = `n` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `tasks_count_delete` AFTER DELETE ON `cockpit_tasks` BEGIN
  UPDATE `cockpit_counts` SET `n` = `n` - 1 WHERE `scope` = 'task_status' AND `key` = OLD.`status`;
END;
--> statement-breakpoint
CREATE TRIGGER `tasks_count_status` AFTER UPDATE OF `status` ON `cockpit_tasks` WHEN OLD.`status` IS NOT NEW.`status` BEGIN
  UPDATE `cockpit_counts` SET `n` = `n` - 1 WHERE `scope` = 'task_status' AND `key` = OLD.`status`;
  INSERT INTO `cockpit_counts` (`scope`, `key`, `n`) VALUES ('task_status', NEW.`status`, 1)
    ON CONFLICT (`scope`, `key`) DO UPDATE SET `n` = `n` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `alerts_count_insert` AFTER INSERT ON `cockpit_alerts` BEGIN
  INSERT INTO `cockpit_counts` (`scope`, `key`, `n`) VALUES ('alert', NEW.`severity` || ':' || NEW.`acknowledged`, 1)
    ON CONFLICT (`scope`, `key`) DO UPDATE SET `n` = `n` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `alerts_count_delete` AFTER DELETE ON `cockpit_alerts` BEGIN
  UPDATE `cockpit_counts` SET `n` = `n` - 1 WHERE `scope` = 'alert' AND `key` = OLD.`severity` || ':' || OLD.`acknowledged`;
END;
--> statement-breakpoint
CREATE TRIGGER `alerts_count_update` AFTER UPDATE OF `severity`, `acknowledged` ON `cockpit_alerts`
  WHEN OLD.`severity` IS NOT NEW.`severity` OR OLD.`acknowledged` IS NOT NEW.`acknowledged` BEGIN
  UPDATE `cockpit_counts` SET `n` = `n` - 1 WHERE `scope` = 'alert' AND `key` = OLD.`severity` || ':' || OLD.`acknowledged`;
  INSERT INTO `cockpit_counts` (`scope`, `key`, `n`) VALUES ('alert', NEW.`severity` || ':' || NEW.`acknowledged`, 1)
    ON CONFLICT (`scope`, `key`) DO UPDATE SET `n` = `n` + 1;
END;
