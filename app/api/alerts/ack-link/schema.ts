import { z } from "zod";

/** The confirmation page's form: `t` is the signed acknowledgement token from the notification's link. */
export const ackLinkForm = z.object({ t: z.string().min(1).describe("the signed token of the link") });
