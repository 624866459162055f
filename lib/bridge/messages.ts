import { z } from "zod";
import { agentStatusFrame, gitStatusFrame, taskLogFrame, taskResultFrame } from "../protocol/agent-frames";
import { agentMetricsFrame, agentWakeFrame } from "../protocol/fleet-frames";
import { attemptSchema, capabilitiesSchema, idSchema, metadataSchema } from "../protocol/common";
import { LIMITS } from "../protocol/constants";
import { approvalDecisionFrameSchema, sessionEventFrame, type ApprovalDecisionFrame } from "../protocol/session-frames";
import {
  changeFrameSchema,
  errorFrameSchema,
  taskAcceptedAckFrameSchema,
  taskCancelFrameSchema,
  taskFrameSchema,
  taskResultAckFrameSchema,
  type ErrorFrame,
  type TaskAcceptedAckFrame,
  type TaskCancelFrame,
  type TaskResultAckFrame,
} from "../protocol/hub-frames";

/** hub → web: facts the hub observed, each with a unique id so a retried batch is applied once. */
const base = { id: z.string().min(1).max(128), at: z.number().int(), agentId: idSchema };

export const hubEvent = z.discriminatedUnion("kind", [
  z.object({ ...base, kind: z.literal("agent-status"), keyId: z.string().max(128), frame: agentStatusFrame }),
  z.object({ ...base, kind: z.literal("git-status"), frame: gitStatusFrame }),
  z.object({ ...base, kind: z.literal("task-result"), frame: taskResultFrame }),
  z.object({ ...base, kind: z.literal("pong") }),
  /** `goodbye`: the agent said it was leaving (agent-goodbye, or the spec's agent-status "offline") before its socket closed. */
  z.object({ ...base, kind: z.literal("disconnect"), reason: z.enum(["closed", "stale", "replaced", "goodbye"]) }),
  z.object({ ...base, kind: z.literal("agent-wake"), frame: agentWakeFrame }),
  z.object({ ...base, kind: z.literal("agent-metrics"), frame: agentMetricsFrame }),
  /** `reason` says why when it is not that the agent left (e.g. the delivery reached the hub after its deliverBy). */
  z.object({ ...base, kind: z.literal("delivery-failed"), taskId: idSchema, attempt: attemptSchema.optional(), reason: z.string().max(200).optional() }),
  /** `startedAt`: the delivery started the run (no accept handshake); the web stores the `running` row the hub broadcast. */
  z.object({ ...base, kind: z.literal("delivered"), taskId: idSchema, attempt: attemptSchema.optional(), startedAt: z.number().int().optional() }),
  z.object({ ...base, kind: z.literal("task-accepted"), taskId: idSchema, attempt: attemptSchema.optional() }),
  /** A holder's task-log chunk, kept so a reloaded page shows the output so far (the hub relays it live as well). */
  z.object({
    ...base,
    kind: z.literal("task-log"),
    taskId: idSchema,
    seq: taskLogFrame.shape.seq,
    chunk: taskLogFrame.shape.chunk,
    attempt: attemptSchema.optional(),
  }),
  z.object({ ...base, kind: z.literal("session-event"), frame: sessionEventFrame }),
]);
export type HubEvent = z.infer<typeof hubEvent>;

/** The hub's view of who is connected, sent when it starts and on request, so the web can correct itself. */
export const presenceSnapshot = z.array(
  z.object({
    agentId: idSchema,
    status: z.string().max(16),
    capabilities: capabilitiesSchema,
    metadata: metadataSchema.optional(),
    maxConcurrency: z.number().int().min(1).max(64),
    extensions: z.array(z.string().max(32)).max(16).default([]),
    connectedAt: z.number().int(),
    lastPingAt: z.number().int(),
    /** The key the connection registered with; when present, the web marks the agent connected only if that key owns the id. */
    keyId: z.string().min(1).max(128).optional(),
  }),
);
export type PresenceEntry = z.infer<typeof presenceSnapshot>[number];

export const hubEventBatch = z.object({
  events: z.array(hubEvent).max(1000),
  /** Present when the hub (re)started or was asked: the complete connected set. */
  presence: presenceSnapshot.optional(),
});
export type HubEventBatch = z.infer<typeof hubEventBatch>;

/** web → hub: what to deliver. */
export const delivery = z.object({
  agentId: idSchema,
  taskId: idSchema,
  frame: taskFrameSchema,
  /**
   * For an agent without the accept handshake, delivery starts the run: the hub broadcasts this `running` row once the
   * frame is out and its `delivered` event carries `startedAt` back, so the web stores that very row.
   */
  onDelivered: z.object({ startedAt: z.number().int(), change: changeFrameSchema }).optional(),
  /**
   * The hub hands the frame over only before this moment (epoch ms), else reports it failed: the web gives an unanswered
   * delivery up only after it, so a command that reaches a slow hub late can never make a second live delivery.
   */
  deliverBy: z.number().int().optional(),
});
export type Delivery = z.infer<typeof delivery>;

/** A frame for one agent other than a task: a cancel, an acceptance's or a result's ack, an approval decision, or the error that explains a refusal. */
export const notice = z.object({
  agentId: idSchema,
  frame: z.discriminatedUnion("type", [taskCancelFrameSchema, taskResultAckFrameSchema, taskAcceptedAckFrameSchema, errorFrameSchema, approvalDecisionFrameSchema]),
});
export type Notice = { agentId: string; frame: ErrorFrame | TaskResultAckFrame | TaskAcceptedAckFrame | TaskCancelFrame | ApprovalDecisionFrame };

export const hubCommand = z.object({
  /** Each delivery is checked on its own (see `delivery`), so one invalid frame cannot hold back the others. */
  deliveries: z.array(z.unknown()).max(1000).default([]),
  changes: z.array(changeFrameSchema).max(5000).default([]),
  notices: z.array(notice).max(1000).default([]),
  /** Close every socket opened with these (now revoked) keys. */
  revokedKeyIds: z.array(z.string().max(128)).max(100).default([]),
  /** Ask the hub to include its presence snapshot in the reply. */
  wantPresence: z.boolean().optional(),
  /** An admin released (keyId null) or reassigned an agentId: the hub updates its cache and closes a socket that no longer owns it. */
  agentOwners: z
    .array(z.object({ agentId: idSchema, keyId: z.string().max(128).nullable() }))
    .max(1000)
    .default([]),
});
/** What the web sends: deliveries typed (the hub re-checks each one on its own). */
export type HubCommand = Omit<z.input<typeof hubCommand>, "deliveries"> & { deliveries?: Delivery[] };

/** Whether each delivery reached its agent comes later, as a `delivered` or `delivery-failed` event (durable, applied once). */
export const hubCommandReply = z.object({
  /** Deliveries the hub refused as invalid (each checked on its own; the others in the command still go out). */
  rejected: z.array(z.object({ taskId: z.string().max(200), reason: z.string().max(LIMITS.shortText) })).optional(),
  presence: presenceSnapshot.optional(),
  /** With the presence: every agent event the hub received before this time (hub clock) has been stored by the web. */
  settledBefore: z.number().int().optional(),
});
export type HubCommandReply = z.infer<typeof hubCommandReply>;

/** The most claims one request carries: the room sends what queued while its previous request was out. */
export const MAX_CLAIMS_PER_REQUEST = 500;
const agentClaim = z.object({ agentId: idSchema, keyId: z.string().min(1).max(128) });
export type AgentClaim = z.infer<typeof agentClaim>;

/**
 * hub → web, POST /api/hub/agent-claim (signed): the first key to register an agentId owns it. The web binds each
 * unowned id to its `keyId` atomically and answers who owns it, in the claims' order; `granted` is whether that is
 * the claim's key. Many in one request: 1,000 agents connecting at once made 1,000 requests, and the late ones timed out.
 */
export const agentClaimRequest = z.object({ claims: z.array(agentClaim).min(1).max(MAX_CLAIMS_PER_REQUEST) });
const agentClaimAnswer = z.object({ agentId: idSchema, ownerKeyId: z.string().max(128), granted: z.boolean() });
export type AgentClaimAnswer = z.infer<typeof agentClaimAnswer>;
export const agentClaimReply = z.object({ claims: z.array(agentClaimAnswer).max(MAX_CLAIMS_PER_REQUEST) });
export type AgentClaimReply = z.infer<typeof agentClaimReply>;

/** The web's answer to a batch: the batch's events are stored, and here is what to do next. */
export const hubEventReply = z.object({ ok: z.literal(true), deliveries: z.array(delivery), changes: z.array(changeFrameSchema), notices: z.array(notice) });
export type HubEventReply = z.infer<typeof hubEventReply>;
