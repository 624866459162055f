import { describe, expect, it } from "vitest";
import { COMPRESS_FROM_BYTES, smallJsonUncompressed } from "@/lib/http/small-json";

describe("smallJsonUncompressed", () => {
  it("marks a small JSON answer no-transform and keeps its status, headers and body", async () => {
    const res = await smallJsonUncompressed(Response.json({ ok: true }, { status: 201, headers: { location: "/x", "cache-control": "no-store" } }));
    expect(res.status).toBe(201);
    expect(res.headers.get("location")).toBe("/x");
    expect(res.headers.get("cache-control")).toBe("no-store, no-transform");
    expect(await res.json()).toEqual({ ok: true });
  });

  it("leaves a large JSON answer to be compressed", async () => {
    const res = await smallJsonUncompressed(Response.json({ text: "x".repeat(COMPRESS_FROM_BYTES) }));
    expect(res.headers.get("cache-control")).toBeNull();
    expect(((await res.json()) as { text: string }).text).toHaveLength(COMPRESS_FROM_BYTES);
  });

  it("passes other answers through untouched", async () => {
    const stream = new Response("line\n", { headers: { "content-type": "application/x-ndjson" } });
    expect(await smallJsonUncompressed(stream)).toBe(stream);
    const empty = new Response(null, { status: 204 });
    expect(await smallJsonUncompressed(empty)).toBe(empty);
  });
});
