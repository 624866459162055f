/** A real hub and a real web on free ports with a temp libSQL file, for one test file. */
import { bearerApi, freePort } from "../../scripts/stack";
import type { BrokerAddress, StackAction } from "./stack-broker";
import { startLocalStack, type StackControl, type StackInfo, type StackOptions } from "./stack-local";

export { freePort };
export type { StackOptions };

export type Stack = StackInfo &
  StackControl & {
    api: (path: string, init?: RequestInit & { key?: string | null }) => Promise<Response>;
    createKey: (role: "agent" | "viewer" | "operator" | "admin", name?: string) => Promise<string>;
  };

/** Under vitest's integration project the broker (global setup) starts stacks ahead; elsewhere this process does. */
async function brokerAddress(): Promise<BrokerAddress | undefined> {
  if (!process.env.VITEST) return undefined;
  const { inject } = await import("vitest");
  return (inject as (key: string) => BrokerAddress | undefined)("stackBroker");
}

async function startBrokeredStack(broker: BrokerAddress, options: StackOptions): Promise<StackInfo & StackControl> {
  const call = async (path: string, body?: unknown) => {
    const res = await fetch(`${broker.url}/${path}`, { method: "POST", headers: { authorization: `Bearer ${broker.token}` }, body: body === undefined ? undefined : JSON.stringify(body) });
    if (!res.ok) throw new Error(`stack broker ${path}: ${res.status} ${await res.text()}`);
    return res;
  };
  const { id, info } = (await (await call("take", options)).json()) as { id: string; info: StackInfo };
  const act = (action: StackAction) => async () => void (await call(`${id}/${action}`));
  return { ...info, restartWeb: act("restartWeb"), stopWeb: act("stopWeb"), startWebAgain: act("startWebAgain"), restartHub: act("restartHub"), stop: async () => void (await call(`${id}/stop`)) };
}

export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const broker = await brokerAddress();
  const stack = broker ? await startBrokeredStack(broker, options) : await startLocalStack(options);
  const api: Stack["api"] = bearerApi(stack.webUrl, stack.adminKey);
  return {
    ...stack,
    api,
    async createKey(role, name = `${role} key`) {
      const res = await api("/api/cockpit/keys", { method: "POST", body: JSON.stringify({ name, role }) });
      if (res.status !== 201) throw new Error(`could not create key: ${res.status} ${await res.text()}`);
      return ((await res.json()) as { key: string }).key;
    },
  };
}
