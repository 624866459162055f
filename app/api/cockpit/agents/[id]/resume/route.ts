import { handle } from "@/lib/http/route";
import { runPause } from "../pause/run-pause";

export const dynamic = "force-dynamic";

/** Resumes a paused agent: it takes tasks again at once. Operator role. */
export const POST = handle((req: Request, ctx: { params: Promise<{ id: string }> }) => runPause(req, ctx, false));
