import { activityList } from "@/lib/api/responses-activity";
import { listActivityQuery } from "../activity/schema";
import type { Operation } from "./operation";

/** The activity feed (issue 19). */
export const ACTIVITY_OPERATIONS: Operation[] = [
  {
    method: "get",
    path: "/api/cockpit/activity",
    summary: "The activity feed, newest first: filter by kind, agent or repo; `cursor` pages older, `after` pages newer",
    tag: "Operations",
    auth: "read",
    query: listActivityQuery,
    success: { status: 200, description: "a page of entries", schema: activityList },
    errors: [400],
  },
];
