import { Badge, type Tone } from "../ui/badge";

const PRIORITY_TONE: Record<string, Tone> = { urgent: "red", high: "amber", medium: "slate", low: "slate" };

/** Urgent and high stand out; medium and low stay quiet so a column of them reads calmly. */
export function PriorityBadge({ priority }: { priority: string }) {
  return (
    <span data-testid="task-priority" data-priority={priority} className={priority === "low" ? "opacity-80" : undefined}>
      <Badge tone={PRIORITY_TONE[priority] ?? "slate"}>
        {priority === "urgent" && (
          <span aria-hidden="true" className="mr-1">
            ▲
          </span>
        )}
        {priority}
      </Badge>
    </span>
  );
}
