import { main } from "./run";

/** `cockpit`: see cli/run.ts; the exit code is the outcome (0 ok, 1 task not completed, 2–5 errors). */
const io = { print: (s: string) => process.stdout.write(s + "\n"), err: (s: string) => process.stderr.write(s + "\n") };
void main(process.argv.slice(2), process.env, io).then((code) => {
  process.exitCode = code;
});
