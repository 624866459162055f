import { z } from "zod";

/** How the SMTP connection is protected: STARTTLS required (587, the default and first), TLS from the first byte (465), or none (a local relay). */
export const SMTP_SECURITY = ["starttls", "tls", "none"] as const;

const address = z.email({ message: "must be an email address" }).max(254);
/** The page's form sends one comma-separated line; REST may send either that or a list. */
const addressList = z.preprocess(
  (v) => (typeof v === "string" ? v.split(",").map((s) => s.trim()).filter(Boolean) : v),
  z.array(address).min(1, "at least one address").max(20, "at most 20 addresses"),
);

/** "alerts@example.com" or "Cockpit <alerts@example.com>"; no line breaks (they would start a new header). */
const mailbox = z
  .string()
  .trim()
  .max(320)
  .refine((v) => {
    const named = /^([^<>\r\n"]{1,100}) <([^<>\s]+)>$/.exec(v);
    return address.safeParse(named ? named[2] : v).success;
  }, "must be an email address, or a name and <address>");

/** Email over SMTP; `password` is a secret like a bot token (sealed at rest, masked in REST). */
export const emailConfigSchema = z
  .object({
    host: z
      .string()
      .trim()
      .min(1)
      .max(253)
      .regex(/^[A-Za-z0-9.-]+$|^\[[0-9A-Fa-f:.]+\]$/, "a host name or address"),
    port: z.coerce.number().int().min(1).max(65535).default(587),
    security: z.enum(SMTP_SECURITY).default("starttls"),
    user: z.string().trim().min(1).max(256).optional(),
    password: z.string().min(1).max(512).optional(),
    from: mailbox,
    to: addressList,
  })
  .strict()
  .refine((c) => (c.user === undefined) === (c.password === undefined), { message: "user and password go together", path: ["password"] });

export type EmailConfig = z.infer<typeof emailConfigSchema>;

export function redactEmail(c: EmailConfig, mask: (secret: string) => string): Record<string, unknown> {
  return { host: c.host, port: c.port, security: c.security, user: c.user, password: c.password ? mask(c.password) : undefined, from: c.from, to: c.to };
}
