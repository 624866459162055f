export default function Home() {
  return (
    <main className="mx-auto max-w-3xl p-6">
      <h1 className="text-2xl font-semibold">Cockpit</h1>
      <p className="mt-2 text-slate-600 dark:text-slate-400">The hub and the REST API are running. The dashboard is on its way.</p>
    </main>
  );
}
