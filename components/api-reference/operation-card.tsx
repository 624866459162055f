import { card } from "@/components/ui/styles";

/** The parts of an OpenAPI operation object this page shows. */
export type OperationView = {
  method: string;
  path: string;
  summary?: string;
  description?: string;
  parameters?: { name: string; in: string; required?: boolean; schema?: unknown }[];
  requestBody?: { content: Record<string, { schema?: unknown }> };
  responses: Record<string, { description?: string; content?: Record<string, { schema?: unknown }> }>;
  security?: unknown[];
};

const METHOD_COLORS: Record<string, string> = {
  get: "bg-sky-100 text-sky-900 dark:bg-sky-900 dark:text-sky-100",
  post: "bg-emerald-100 text-emerald-900 dark:bg-emerald-900 dark:text-emerald-100",
  put: "bg-amber-100 text-amber-900 dark:bg-amber-900 dark:text-amber-100",
  delete: "bg-rose-100 text-rose-900 dark:bg-rose-900 dark:text-rose-100",
};

function typeOf(schema: unknown): string {
  if (!schema || typeof schema !== "object") return "any";
  const s = schema as { type?: string; enum?: unknown[]; anyOf?: unknown[] };
  if (s.enum) return s.enum.map(String).join(" | ");
  if (s.anyOf) return s.anyOf.map(typeOf).join(" | ");
  return s.type ?? "any";
}

function SchemaBlock({ label, schema }: { label: string; schema: unknown }) {
  return (
    <details className="mt-2">
      <summary className="cursor-pointer text-sm font-medium">{label}</summary>
      <pre className="mt-1 max-h-96 overflow-auto rounded bg-slate-50 p-2 text-xs dark:bg-slate-950">{JSON.stringify(schema, null, 2)}</pre>
    </details>
  );
}

/** One operation: method, path, who may call it, its parameters, body and answers (schemas folded). */
export function OperationCard({ op }: { op: OperationView }) {
  const body = op.requestBody ? Object.values(op.requestBody.content)[0]?.schema : undefined;
  return (
    <article className={`${card} p-3`} data-testid={`op-${op.method}-${op.path}`}>
      <h3 className="flex flex-wrap items-center gap-2 font-mono text-sm">
        <span className={`rounded px-1.5 py-0.5 text-xs font-bold uppercase ${METHOD_COLORS[op.method] ?? ""}`}>{op.method}</span>
        <span className="break-all">{op.path}</span>
      </h3>
      {op.summary && <p className="mt-1 text-sm">{op.summary}</p>}
      <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">{op.security?.length === 0 ? "No authentication." : (op.description ?? "")}</p>
      {op.parameters && op.parameters.length > 0 && (
        <table className="mt-2 w-full text-left text-xs">
          <thead>
            <tr className="text-slate-600 dark:text-slate-400">
              <th className="py-1 pr-2 font-medium">Parameter</th>
              <th className="py-1 pr-2 font-medium">In</th>
              <th className="py-1 font-medium">Type</th>
            </tr>
          </thead>
          <tbody>
            {op.parameters.map((p) => (
              <tr key={`${p.in}-${p.name}`} className="border-t border-slate-100 dark:border-slate-800">
                <td className="py-1 pr-2 font-mono">
                  {p.name}
                  {p.required ? " *" : ""}
                </td>
                <td className="py-1 pr-2">{p.in}</td>
                <td className="py-1 font-mono break-all">{typeOf(p.schema)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {body !== undefined && <SchemaBlock label="Request body (application/json)" schema={body} />}
      <ul className="mt-2 space-y-0.5 text-xs">
        {Object.entries(op.responses).map(([status, r]) => (
          <li key={status}>
            <span className="font-mono font-semibold">{status}</span> {r.description}
          </li>
        ))}
      </ul>
      {Object.entries(op.responses)
        .filter(([status]) => status.startsWith("2"))
        .map(([status, r]) => {
          const schema = Object.values(r.content ?? {})[0]?.schema;
          return schema ? <SchemaBlock key={status} label={`Response ${status}`} schema={schema} /> : null;
        })}
    </article>
  );
}
