/** An alert's lifecycle states (PagerDuty's model), plain values the browser and the API schemas import too. */
export const ALERT_STATES = ["open", "acknowledged", "resolved"] as const;
export type AlertState = (typeof ALERT_STATES)[number];
