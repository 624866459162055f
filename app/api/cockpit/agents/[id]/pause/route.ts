import { handle } from "@/lib/http/route";
import { runPause } from "./run-pause";

export const dynamic = "force-dynamic";

/** Pauses (drains) an agent: it is offered nothing new and finishes what it runs. Operator role. */
export const POST = handle((req: Request, ctx: { params: Promise<{ id: string }> }) => runPause(req, ctx, true));
