import { activityList, alertUnacknowledged } from "@/lib/api/responses-activity";
import { listActivityQuery } from "../activity/schema";
import { id, type Operation } from "./operation";

/** The activity feed and the swipe's undo (issue 19). */
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
  {
    method: "post",
    path: "/api/cockpit/alerts/{id}/unacknowledge",
    summary: "Undo an acknowledgement: the alert is open again (changed: false when it was not acknowledged; 409 when resolved)",
    tag: "Alerts",
    auth: "write",
    pathParams: id,
    success: { status: 200, description: "the alert as it is now", schema: alertUnacknowledged },
    errors: [400, 404, 409],
  },
];
