/**
 * Runs once when the web starts: migrate the database, make sure someone can sign in, keep tables tidy. A database
 * that cannot be prepared yet does not stop the start: routes answer 503 while bootstrap retries.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { stopWithParent } = await import("./lib/process/parent-watch");
  stopWithParent("web", () => process.exit(0));
  const { bootstrap } = await import("./lib/bootstrap");
  await bootstrap();
}
