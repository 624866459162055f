import type { z } from "zod";
import type { Permission } from "@/lib/auth/roles";
import { idSchema } from "@/lib/protocol/common";

/** One REST operation as the document describes it; the schemas are the ones the route handlers parse with. */
export type Operation = {
  method: "get" | "post" | "put" | "patch" | "delete";
  /** OpenAPI path template, e.g. /api/cockpit/tasks/{id}. */
  path: string;
  summary: string;
  tag: OperationTag;
  /** What the caller's key or session must allow; "public" needs neither. */
  auth: Permission | "public";
  pathParams?: Record<string, z.ZodType>;
  /** An object schema, or one piped through a transform (its input side is documented). */
  query?: z.ZodType;
  body?: z.ZodType;
  /** The JSON body may be left out entirely (it then means `{}`). */
  optionalBody?: true;
  /** A form body (application/x-www-form-urlencoded) instead of JSON. */
  form?: z.ZodType;
  /** Success status and body; a text body (metrics) names its media type instead; a 303 has no body. */
  success: {
    status: 200 | 201 | 303;
    description: string;
    schema?: z.ZodType;
    mediaType?: string;
    /** A second success status with the same body (e.g. 201 created, 200 when nothing new was). */
    alsoStatus?: { status: 200; description: string };
    /** The same route may answer a text body instead (e.g. `format=text`): its media type. */
    alsoText?: string;
  };
  /** Error codes this route answers besides those every authenticated route may (401, 403, 503). */
  errors?: (400 | 404 | 409 | 413 | 415)[];
};

export const OPERATION_TAGS = ["Tasks", "Alerts", "Notifications", "Agents", "Sessions", "Repos", "Keys", "Session", "Operations"] as const;
export type OperationTag = (typeof OPERATION_TAGS)[number];

export const id = { id: idSchema };
export const bodyErrors = [400, 413, 415] as const;
