"use client";
import type PartySocket from "partysocket";
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import type { Entity, EntityJson, LogChunk } from "@/lib/dashboard/types";
import { useToast } from "../toasts";
import { LiveContext, type ChangeListener, type ConnectionStatus, type LiveApi } from "./live-context";
import { openHubSocket } from "./hub-socket";
import { SilenceWatchdog } from "./watchdog";
import { useChangeToasts } from "./use-change-toasts";

type Frame = { type?: unknown; entity?: unknown; data?: unknown; taskId?: unknown; seq?: unknown; chunk?: unknown };
const ENTITIES: readonly Entity[] = ["task", "repo", "alert", "agent"];
/** After this long without a connection we stop saying "reconnecting" and admit we are offline (still retrying). */
const OFFLINE_AFTER_MS = 20_000;

/** One socket for the whole dashboard: pages subscribe to the entities they show. */
export function LiveProvider({ children, canWrite, userName }: { children: ReactNode; canWrite: boolean; userName: string }) {
  const [status, setStatus] = useState<ConnectionStatus>("connecting");
  const [epoch, setEpoch] = useState(0);
  const listeners = useRef(new Map<Entity, Set<(row: unknown) => void>>());
  const anyListeners = useRef(new Set<(entity: Entity) => void>());
  const logListeners = useRef(new Set<(chunk: LogChunk) => void>());
  const toastOnChange = useChangeToasts(useToast());

  useEffect(() => {
    let socket: PartySocket | null = null;
    let disposed = false;
    let lostAt: number | null = null;
    let everOpen = false;
    let watchdog: SilenceWatchdog | null = null;
    const offlineTimer = setInterval(() => {
      if (watchdog?.isDead(Date.now()) && socket) {
        // Open but silent past several pings: dead. Say so, dial again; the next open catches up as usual.
        lost();
        socket.reconnect();
      }
      if (!navigator.onLine) setStatus("offline");
      else if (lostAt !== null && Date.now() - lostAt > OFFLINE_AFTER_MS) setStatus("offline");
    }, 1_000);
    const lost = () => {
      lostAt ??= Date.now();
      setStatus(navigator.onLine ? (everOpen ? "reconnecting" : "connecting") : "offline");
    };
    const onMessage = (event: MessageEvent) => {
      watchdog?.heard(Date.now());
      let frame: Frame;
      try {
        frame = JSON.parse(String(event.data)) as Frame;
      } catch {
        return;
      }
      if (frame.type === "change" && ENTITIES.includes(frame.entity as Entity) && typeof frame.data === "object" && frame.data) {
        const entity = frame.entity as Entity;
        toastOnChange(entity, frame.data as EntityJson[Entity]);
        for (const l of listeners.current.get(entity) ?? []) l(frame.data);
        for (const l of anyListeners.current) l(entity);
      } else if (frame.type === "task-log" && typeof frame.taskId === "string" && typeof frame.chunk === "string") {
        const chunk: LogChunk = { taskId: frame.taskId, seq: typeof frame.seq === "number" ? frame.seq : 0, chunk: frame.chunk };
        for (const l of logListeners.current) l(chunk);
      }
    };
    const start = () =>
      openHubSocket(() => window.location.assign("/sign-in?expired=1"))
        .then(({ socket: s, pingIntervalMs }) => {
          if (disposed) return s.close();
          socket = s;
          watchdog = new SilenceWatchdog(pingIntervalMs);
          s.addEventListener("open", () => {
            watchdog?.heard(Date.now());
            everOpen = true;
            lostAt = null;
            setStatus("live");
            setEpoch((n) => n + 1);
          });
          s.addEventListener("close", () => {
            watchdog?.stop();
            lost();
          });
          s.addEventListener("error", lost);
          s.addEventListener("message", onMessage);
        })
        .catch(() => {
          // The token route itself failed (web down or signed out): try again shortly.
          lost();
          if (!disposed) retry = setTimeout(start, 2_000);
        });
    let retry: ReturnType<typeof setTimeout> | undefined;
    void start();
    window.addEventListener("offline", lost);
    return () => {
      disposed = true;
      clearInterval(offlineTimer);
      clearTimeout(retry);
      window.removeEventListener("offline", lost);
      socket?.close();
    };
  }, [toastOnChange]);

  const subscribe = useCallback(<E extends Entity>(entity: E, listener: ChangeListener<E>) => {
    const set = listeners.current.get(entity) ?? new Set();
    listeners.current.set(entity, set);
    const wrapped = listener as (row: unknown) => void;
    set.add(wrapped);
    return () => void set.delete(wrapped);
  }, []);
  const subscribeAny = useCallback((listener: (entity: Entity) => void) => {
    anyListeners.current.add(listener);
    return () => void anyListeners.current.delete(listener);
  }, []);
  const subscribeLogs = useCallback((listener: (chunk: LogChunk) => void) => {
    logListeners.current.add(listener);
    return () => void logListeners.current.delete(listener);
  }, []);

  const api = useMemo<LiveApi>(
    () => ({ status, epoch, subscribe, subscribeAny, subscribeLogs, canWrite, userName }),
    [status, epoch, subscribe, subscribeAny, subscribeLogs, canWrite, userName],
  );
  return <LiveContext.Provider value={api}>{children}</LiveContext.Provider>;
}
