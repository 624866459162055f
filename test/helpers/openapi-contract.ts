/** Checks real responses against the served OpenAPI document, and remembers which operations were exercised. */
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

type Doc = {
  paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: object }> }> }>>;
  components: object;
};
type Validate = ReturnType<Ajv2020["compile"]>;

export class Contract {
  private readonly ajv = new Ajv2020({ strict: false, allErrors: true });
  private readonly validators = new Map<string, Validate>();
  readonly exercised = new Set<string>();

  constructor(readonly doc: Doc) {
    addFormats.default(this.ajv);
  }

  /** Every `method path` the document describes. */
  operations(): string[] {
    return Object.entries(this.doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m} ${path}`));
  }

  /** Throws unless the response's status is documented for the operation and its body matches that schema. */
  async check(method: string, template: string, res: Response): Promise<unknown> {
    const op = this.doc.paths[template]?.[method];
    if (!op) throw new Error(`${method} ${template} is not in the document`);
    const documented = op.responses[String(res.status)];
    if (!documented) throw new Error(`${method} ${template} answered ${res.status}, which the document does not list: ${await res.text()}`);
    const contentType = res.headers.get("content-type") ?? "";
    // A route may document JSON and text for one status (e.g. format=text): the answer's own type picks which.
    const types = Object.keys(documented.content ?? {});
    const mediaType = types.find((t) => contentType.startsWith(t.split(";")[0]!)) ?? types[0] ?? "";
    if (!contentType.startsWith(mediaType.split(";")[0]!)) throw new Error(`${method} ${template}: content-type ${contentType}, documented ${mediaType}`);
    this.exercised.add(`${method} ${template}`);
    if (!mediaType.includes("json")) return res.text();
    const body: unknown = await res.json();
    const key = `${method} ${template} ${res.status}`;
    // The response's schema with the document's components beside it, so its `#/components/schemas/…` refs resolve.
    const validate = this.validators.get(key) ?? this.ajv.compile({ ...documented.content![mediaType]!.schema, components: this.doc.components });
    this.validators.set(key, validate);
    if (!validate(body))
      throw new Error(
        `${method} ${template} ${res.status} does not match the document: ${this.ajv.errorsText(validate.errors)}\n${JSON.stringify(body).slice(0, 800)}`,
      );
    return body;
  }
}
