/**
 * Baseline HTTP server, run as its own process: node:http with no framework, answering what the requests section asks
 * of the web, so the web's CPU per request stands beside what the same answer costs with nothing of ours in the way.
 *   GET  /unauthorized  → 401 with the web's error body
 *   GET  /page          → 200 with a one-task page read by one indexed SELECT
 *   POST /create        → reads and parses the JSON body, one autocommit libSQL insert, 201 with the row
 */
import { createClient } from "@libsql/client";
import { createServer } from "node:http";

const [port, dbPath] = [Number(process.argv[2]), process.argv[3]!];
const db = createClient({ url: `file:${dbPath}` });
await db.execute("PRAGMA journal_mode = WAL");
await db.execute("PRAGMA synchronous = NORMAL");
await db.execute("CREATE TABLE IF NOT EXISTS tasks (id TEXT PRIMARY KEY, title TEXT NOT NULL, body TEXT NOT NULL, created_at INTEGER NOT NULL)");
await db.execute("CREATE INDEX IF NOT EXISTS tasks_created ON tasks (created_at, id)");
await db.execute({ sql: "INSERT OR IGNORE INTO tasks VALUES ('seed', 'seed', '{}', ?)", args: [Date.now()] });

const json = (status: number, body: unknown) => ({ status, text: JSON.stringify(body) });

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    void (async () => {
      let out: { status: number; text: string };
      if (req.url === "/unauthorized") out = json(401, { error: { code: "unauthorized", message: "send Authorization: Bearer <API key>" } });
      else if (req.url === "/page") {
        const rs = await db.execute("SELECT * FROM tasks ORDER BY created_at DESC, id DESC LIMIT 1");
        out = json(200, { tasks: rs.rows, limit: 1 });
      } else {
        const body = JSON.parse(Buffer.concat(chunks).toString()) as { id: string; title: string };
        const at = Date.now();
        await db.execute({ sql: "INSERT INTO tasks VALUES (?, ?, ?, ?)", args: [body.id, body.title, JSON.stringify(body), at] });
        out = json(201, { task: { ...body, status: "pending", createdAt: at } });
      }
      res.writeHead(out.status, { "content-type": "application/json" }).end(out.text);
    })();
  });
});
server.listen(port, "127.0.0.1", () => process.stdout.write("ready\n"));
