import type { Metadata } from "next";
import { OperationCard, type OperationView } from "@/components/api-reference/operation-card";
import { PageHeader } from "@/components/ui/page-header";
import { link } from "@/components/ui/styles";
import { openApiDocument } from "@/app/api/cockpit/openapi.json/document";

export const metadata: Metadata = { title: "API reference" };

type Doc = {
  info: { description: string };
  tags: { name: string }[];
  paths: Record<string, Record<string, Omit<OperationView, "method" | "path"> & { tags: string[] }>>;
};

/** The OpenAPI document rendered on the server: no script, no CDN, so it works offline and behind any firewall. */
export default function ApiReferencePage() {
  const doc = openApiDocument() as unknown as Doc;
  const ops = Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ ...op, method, path })));
  return (
    <>
      <PageHeader
        title="API reference"
        description={
          <>
            Generated from the schemas the routes validate with. Machine-readable:{" "}
            {/* Underlined: inside a sentence, colour alone does not tell a link apart (axe link-in-text-block, dark). */}
            <a className={`${link} underline`} href="/api/cockpit/openapi.json" data-testid="openapi-link">
              /api/cockpit/openapi.json
            </a>
          </>
        }
      />
      <p className="mb-4 max-w-3xl text-sm text-slate-700 dark:text-slate-300">{doc.info.description}</p>
      {doc.tags.map(({ name }) => (
        <section key={name} className="mb-6" aria-labelledby={`tag-${name}`}>
          <h2 id={`tag-${name}`} className="mb-2 text-lg font-semibold">
            {name}
          </h2>
          <div className="grid gap-3">
            {ops
              .filter((op) => op.tags.includes(name))
              .map((op) => (
                <OperationCard key={`${op.method} ${op.path}`} op={op} />
              ))}
          </div>
        </section>
      ))}
    </>
  );
}
