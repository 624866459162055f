import { z } from "zod";
import { errorResponse } from "@/lib/api/responses";
import { SESSION_COOKIE } from "@/lib/http/auth";
import { OPERATION_TAGS } from "./operation";
import { OPERATIONS, type Operation } from "./operations";

type Json = Record<string, unknown>;

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: "a parameter or body field is wrong; `error.field` names it",
  401: "no key or session, or a revoked or unknown one",
  403: "the key's role does not allow this, or a cross-site cookie write",
  404: "no such resource",
  409: "conflict: the id is taken, or the resource is in a state that refuses this",
  413: "the body is over 1 MiB",
  415: "the body is not application/json",
  503: "storage_unavailable: the database cannot take requests now; retry after Retry-After seconds",
};

/** zod → JSON Schema 2020-12 (OpenAPI 3.1's dialect); named schemas (`.meta({ id })`) become components. */
function toSchema(schema: z.ZodType, io: "input" | "output", components: Json): Json {
  const json = z.toJSONSchema(schema, { io, unrepresentable: "any", target: "draft-2020-12" }) as Json;
  const defs = (json.$defs ?? {}) as Record<string, Json>;
  delete json.$defs;
  delete json.$schema;
  for (const [name, def] of Object.entries(defs)) components[name] = relink(def);
  return relink(json) as Json;
}

/** Points the generator's local `#/$defs/X` references at `#/components/schemas/X`. */
function relink<T>(node: T): T {
  if (Array.isArray(node)) return node.map(relink) as T;
  if (node === null || typeof node !== "object") return node;
  const out: Json = {};
  for (const [k, v] of Object.entries(node)) {
    out[k] = k === "$ref" && typeof v === "string" ? v.replace(/^#\/\$defs\//, "#/components/schemas/") : relink(v);
  }
  return out as T;
}

function parameters(op: Operation, components: Json): Json[] {
  const out: Json[] = [];
  for (const [name, schema] of Object.entries(op.pathParams ?? {})) {
    out.push({ name, in: "path", required: true, schema: toSchema(schema, "input", components) });
  }
  if (op.query) {
    const shape = toSchema(op.query, "input", components);
    const props = (shape.properties ?? {}) as Record<string, Json>;
    const required = new Set((shape.required ?? []) as string[]);
    for (const [name, schema] of Object.entries(props)) out.push({ name, in: "query", required: required.has(name), schema });
  }
  return out;
}

/** The success body: none for a redirect, text for a text route, else JSON (plus text when the route may answer either). */
function successResponse(op: Operation, description: string, components: Json): Json {
  const { status, mediaType, schema, alsoText } = op.success;
  if (status === 303) return { description, headers: { Location: { schema: { type: "string" } } } };
  const text = (type: string) => ({ [type]: { schema: { type: "string" } } });
  if (mediaType) return { description, content: text(mediaType) };
  const json = { "application/json": { schema: schema ? toSchema(schema, "output", components) : {} } };
  return { description, content: { ...json, ...(alsoText ? text(alsoText) : {}) } };
}

function requestBody(op: Operation, components: Json): Json {
  if (op.form) return { requestBody: { required: true, content: { "application/x-www-form-urlencoded": { schema: toSchema(op.form, "input", components) } } } };
  if (!op.body) return {};
  return { requestBody: { required: !op.optionalBody, content: { "application/json": { schema: toSchema(op.body, "input", components) } } } };
}

function operationObject(op: Operation, components: Json): Json {
  const errorRef = { "application/json": { schema: { $ref: "#/components/schemas/Error" } } };
  const codes = new Set<number>(op.errors ?? []);
  if (op.auth !== "public") [401, 403, 503].forEach((c) => codes.add(c));
  const responses: Json = { [op.success.status]: successResponse(op, op.success.description, components) };
  if (op.success.alsoStatus) responses[op.success.alsoStatus.status] = successResponse(op, op.success.alsoStatus.description, components);
  for (const code of [...codes].sort()) responses[code] = { description: ERROR_DESCRIPTIONS[code] ?? "error", content: errorRef };
  return {
    operationId: `${op.method}${op.path
      .replace(/\/api(\/cockpit)?/, "")
      .replace(/[{}]/g, "")
      .replace(/[/.-](\w)/g, (_, c: string) => c.toUpperCase())}`,
    summary: op.summary,
    tags: [op.tag],
    ...(op.auth === "public" ? { security: [] } : { description: `Needs the \`${op.auth}\` permission.` }),
    parameters: parameters(op, components),
    ...requestBody(op, components),
    responses,
  };
}

/** The OpenAPI 3.1 document of the REST API, built from the schemas the routes parse with. */
export function openApiDocument(serverUrl?: string): Json {
  const components: Json = {};
  // The error shape is a named schema: converting it files it under components.schemas.Error.
  toSchema(errorResponse, "output", components);
  const paths: Record<string, Json> = {};
  for (const op of OPERATIONS) (paths[op.path] ??= {})[op.method] = operationObject(op, components);
  return {
    openapi: "3.1.0",
    info: {
      title: "Cockpit API",
      version: "1.0.0",
      description:
        "REST API of Cockpit. Authenticate with `Authorization: Bearer <API key>` (roles: viewer reads, operator also writes, admin also manages keys), or with the dashboard's session cookie (writes must then come from the same origin). Every error has the shape `{ error: { code, message, field?, details? } }`.",
    },
    ...(serverUrl ? { servers: [{ url: serverUrl }] } : {}),
    security: [{ bearerKey: [] }, { sessionCookie: [] }],
    tags: OPERATION_TAGS.map((name) => ({ name })),
    paths,
    components: {
      schemas: components,
      securitySchemes: {
        bearerKey: { type: "http", scheme: "bearer", description: "an API key (ck_…) minted by an admin, or QUEUE_API_KEY / ASSISTANT_API_KEY" },
        sessionCookie: { type: "apiKey", in: "cookie", name: SESSION_COOKIE, description: "set by signing in on the dashboard" },
      },
    },
  };
}
