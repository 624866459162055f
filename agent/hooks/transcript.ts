import { open } from "node:fs/promises";

const TAIL_BYTES = 256 * 1024;

/** The last assistant text in a Claude Code transcript (JSON lines), read from the file's tail only. */
export async function lastAssistantText(path: string): Promise<string | undefined> {
  let text: string;
  try {
    const file = await open(path, "r");
    try {
      const { size } = await file.stat();
      const start = Math.max(0, size - TAIL_BYTES);
      const buffer = Buffer.alloc(size - start);
      await file.read(buffer, 0, buffer.length, start);
      text = buffer.toString("utf8");
    } finally {
      await file.close();
    }
  } catch {
    return undefined;
  }
  const lines = text.split("\n");
  for (let i = lines.length - 1; i >= 0; i--) {
    let entry: unknown;
    try {
      entry = JSON.parse(lines[i]!);
    } catch {
      continue;
    }
    if (typeof entry !== "object" || entry === null || !("type" in entry) || entry.type !== "assistant" || !("message" in entry)) continue;
    const message = entry.message;
    const content = typeof message === "object" && message !== null && "content" in message ? message.content : undefined;
    if (!Array.isArray(content)) continue;
    const texts = content.flatMap((b: unknown) =>
      typeof b === "object" && b !== null && "type" in b && b.type === "text" && "text" in b && typeof b.text === "string" ? [b.text] : [],
    );
    if (texts.length > 0) return texts.join("\n");
  }
  return undefined;
}
