"use client";
import { createContext, useContext } from "react";
import type { LogRelay } from "@/lib/dashboard/live-frames";
import type { RowChange } from "@/lib/dashboard/live-sync";
import type { Entity, EntityJson } from "@/lib/dashboard/types";

/** live: socket open · connecting: first attempt · reconnecting: lost, retrying · offline: no network or no session. */
export type ConnectionStatus = "connecting" | "live" | "reconnecting" | "offline";

export type ChangeListener<E extends Entity> = (change: RowChange<EntityJson[E]>) => void;

export type LiveApi = {
  status: ConnectionStatus;
  /** Increments on every socket open: views refetch then, so nothing sent while they were away is missed. */
  epoch: number;
  subscribe: <E extends Entity>(entity: E, listener: ChangeListener<E>) => () => void;
  subscribeAny: (listener: (entity: Entity) => void) => () => void;
  subscribeLogs: (listener: (relay: LogRelay) => void) => () => void;
  canWrite: boolean;
  userName: string;
};

export const LiveContext = createContext<LiveApi | null>(null);

export function useLive(): LiveApi {
  const api = useContext(LiveContext);
  if (!api) throw new Error("useLive needs <LiveProvider>");
  return api;
}
