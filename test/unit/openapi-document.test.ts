import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { Validator } from "@seriousme/openapi-schema-validator";
import { Contract } from "../helpers/openapi-contract";
import { describe, expect, it } from "vitest";
import { openApiDocument } from "@/app/api/cockpit/openapi.json/document";
import { OPERATIONS } from "@/app/api/cockpit/openapi.json/operations";

/** Routes that are not part of the public REST API: the signed hub↔web bridge and the browser's sign-in forms. */
const NOT_DOCUMENTED = [/^\/api\/hub\//, /^\/api\/auth\/sign-(in|out)$/];

function routeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return routeFiles(path);
    return name === "route.ts" ? [path] : [];
  });
}

/** Every (method, path) the app answers, read from its route files: `[id]` folders become `{id}`. */
function servedOperations(): string[] {
  return routeFiles("app/api").flatMap((file) => {
    const path =
      "/" +
      relative("app", file)
        .replace(/\/route\.ts$/, "")
        .replace(/\[(\w+)\]/g, "{$1}");
    if (NOT_DOCUMENTED.some((re) => re.test(path))) return [];
    const methods = [...readFileSync(file, "utf8").matchAll(/export (?:const|async function|function) (GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) => m[1]!);
    return methods.map((m) => `${m.toLowerCase()} ${path}`);
  });
}

describe("the OpenAPI document", () => {
  it("is a valid OpenAPI 3.1 document", async () => {
    const validator = new Validator();
    const result = await validator.validate(openApiDocument("http://localhost:3000"));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
  });

  it("describes every route the app serves, and no route it does not", () => {
    const documented = OPERATIONS.map((op) => `${op.method} ${op.path}`).sort();
    expect(documented).toEqual(servedOperations().sort());
  });

  it("names the error shape, both auth schemes and the fields of a request body", () => {
    const doc = openApiDocument() as {
      components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> };
      paths: Record<
        string,
        Record<string, { requestBody?: { content: Record<string, { schema: { required?: string[]; properties: Record<string, unknown> } }> } }>
      >;
    };
    expect(Object.keys(doc.components.securitySchemes).sort()).toEqual(["bearerKey", "sessionCookie"]);
    expect(doc.components.schemas).toHaveProperty("Error");
    expect(doc.components.schemas).toHaveProperty("Task");
    const create = doc.paths["/api/cockpit/tasks"]?.post?.requestBody?.content["application/json"]?.schema;
    expect(create?.required?.sort()).toEqual(["executor", "title"]);
    expect(Object.keys(create?.properties ?? {})).toContain("fanOut");
  });

  it("compiles every response schema, with each component resolving to a real schema", () => {
    const doc = openApiDocument() as ConstructorParameters<typeof Contract>[0] & { components: { schemas: Record<string, { $ref?: string }> } };
    for (const [name, schema] of Object.entries(doc.components.schemas)) expect(schema.$ref, name).toBeUndefined();
    const contract = new Contract(doc);
    const error = new Response(JSON.stringify({ error: { code: "not_found", message: "no task x" } }), {
      status: 404,
      headers: { "content-type": "application/json" },
    });
    return expect(contract.check("get", "/api/cockpit/tasks/{id}", error)).resolves.toMatchObject({ error: { code: "not_found" } });
  });
});
