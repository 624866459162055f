/** Headers every answer carries (next.config's headers() for Next's answers, scripts/web-server.ts for its fast routes). */
export const SECURITY_HEADERS = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "same-origin" },
] as const;
