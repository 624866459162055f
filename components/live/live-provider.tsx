"use client";
import type PartySocket from "partysocket";
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { parseDashboardFrame, type LogRelay } from "@/lib/dashboard/live-frames";
import type { RowChange } from "@/lib/dashboard/live-sync";
import type { Entity, EntityJson } from "@/lib/dashboard/types";
import { useToast } from "../toasts";
import { LiveContext, type ChangeListener, type ConnectionStatus, type LiveApi } from "./live-context";
import { openHubSocket } from "./hub-socket";
import { SilenceWatchdog } from "./watchdog";
import { useChangeToasts } from "./use-change-toasts";

/** After this long without a connection we stop saying "reconnecting" and admit we are offline (still retrying). */
const OFFLINE_AFTER_MS = 20_000;

/** One socket for the whole dashboard: pages subscribe to the entities they show. */
export function LiveProvider({ children, canWrite, userName }: { children: ReactNode; canWrite: boolean; userName: string }) {
  const [status, setStatus] = useState<ConnectionStatus>("connecting");
  const [epoch, setEpoch] = useState(0);
  const listeners = useRef(new Map<Entity, Set<(change: RowChange<unknown>) => void>>());
  const anyListeners = useRef(new Set<(entity: Entity) => void>());
  const logListeners = useRef(new Set<(relay: LogRelay) => void>());
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
      const frame = parseDashboardFrame(String(event.data));
      if (frame?.type === "change") {
        // The row's fields are the web's own serializer output (lib/db/serialize), relayed unchanged by the hub.
        const change = { op: frame.op, row: frame.data as EntityJson[Entity] };
        if (frame.op === "upsert") toastOnChange(frame.entity, change.row);
        for (const l of listeners.current.get(frame.entity) ?? []) l(change);
        for (const l of anyListeners.current) l(frame.entity);
      } else if (frame?.type === "task-log") {
        for (const l of logListeners.current) l(frame);
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
    const wrapped = listener as (change: RowChange<unknown>) => void;
    set.add(wrapped);
    return () => void set.delete(wrapped);
  }, []);
  const subscribeAny = useCallback((listener: (entity: Entity) => void) => {
    anyListeners.current.add(listener);
    return () => void anyListeners.current.delete(listener);
  }, []);
  const subscribeLogs = useCallback((listener: (relay: LogRelay) => void) => {
    logListeners.current.add(listener);
    return () => void logListeners.current.delete(listener);
  }, []);

  const api = useMemo<LiveApi>(
    () => ({ status, epoch, subscribe, subscribeAny, subscribeLogs, canWrite, userName }),
    [status, epoch, subscribe, subscribeAny, subscribeLogs, canWrite, userName],
  );
  return <LiveContext.Provider value={api}>{children}</LiveContext.Provider>;
}
