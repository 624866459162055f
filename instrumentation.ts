/**
 * Runs once when the web starts: migrate the database, make sure someone can sign in, keep tables tidy. A database
 * that cannot be prepared yet does not stop the start: routes answer 503 while bootstrap retries.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { parentFromEnv, whenParentGone } = await import("./lib/process/parent-watch");
  const parent = parentFromEnv();
  if (parent !== null)
    whenParentGone(parent, () => {
      console.log(`the process that started the web (pid ${parent}) is gone; stopping`);
      process.exit(0);
    });
  const { bootstrap } = await import("./lib/bootstrap");
  await bootstrap();
}
