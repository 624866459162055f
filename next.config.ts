import type { NextConfig } from "next";
import { SECURITY_HEADERS } from "./lib/http/security-headers";

const config: NextConfig = {
  // Tests build into their own folder so a running `npm start` is not disturbed.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  poweredByHeader: false,
  // Types are checked once by `npm run typecheck` (part of npm test); parallel builds into other distDirs would
  // otherwise see each other's generated route types.
  typescript: { ignoreBuildErrors: true },
  reactStrictMode: true,
  // A profile of the server (`npm run bench -- --profile`) reads better with the names kept.
  experimental: {
    ...(process.env.COCKPIT_UNMINIFIED ? { turbopackMinify: false, serverMinification: false } : {}),
    // Read at `next start`: the integration tests' many short-lived webs load only the routes they call (preloading
    // every route cost ~0.75 s of CPU per start); a real start keeps the default and preloads.
    preloadEntriesOnStart: process.env.COCKPIT_PRELOAD_ROUTES !== "0",
  },
  serverExternalPackages: ["@libsql/client", "libsql"],
  async headers() {
    return [
      // The service worker must update as soon as a new build ships.
      { source: "/sw.js", headers: [{ key: "Cache-Control", value: "no-cache, no-store, must-revalidate" }] },
      {
        source: "/:path*",
        headers: [...SECURITY_HEADERS],
      },
    ];
  },
};

export default config;
