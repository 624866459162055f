/**
 * `npm run bench [-- --quick] [-- --only=dispatch,ingest] [-- --profile] [-- --rates=100,200] [-- --out=path.json]`
 * Starts the real hub and web on temp databases, drives them, prints one table with a same-run baseline and the
 * ratio beside every figure, and writes bench/results.json (results-quick.json with --quick).
 */
import { formatTable } from "./lib/stats";
import { runBench, SECTIONS, type Section } from "./run-bench";

function arg(name: string): string | undefined {
  const hit = process.argv.find((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  return hit === undefined ? undefined : (hit.split("=")[1] ?? "");
}

// Under heavy load a server may hang up a socket mid-handshake and `ws` lets that reset escape as an uncaught error;
// the figures already count what it costs (sockets open, agents registered), so one reset must not end the run.
process.on("uncaughtException", (error: NodeJS.ErrnoException) => {
  if (error.code !== "ECONNRESET") throw error;
  console.warn(`bench: a socket was reset (${error.message}); counted in the figures, run goes on`);
});

const only = arg("only")
  ?.split(",")
  .filter((s): s is Section => (SECTIONS as readonly string[]).includes(s));

const results = await runBench({
  quick: arg("quick") !== undefined,
  only: only?.length ? only : undefined,
  out: arg("out") || undefined,
  profile: arg("profile") !== undefined,
  rates: arg("rates")
    ?.split(",")
    .map(Number)
    .filter((n) => n > 0),
});
console.log(
  `\n${results.mode} run, ${(results.durationMs / 1000).toFixed(0)} s, ${results.machine.cpus} × ${results.machine.cpuModel}, Node ${results.machine.node}\n`,
);
console.log(formatTable(results.rows));
for (const r of results.rows.filter((x) => x.note)) console.log(`  · ${r.section} / ${r.metric}: ${r.note}`);
