"use client";
import { useState } from "react";
import { useToast } from "../toasts";
import { inputBase, labelBase, secondaryButton } from "../ui/styles";
import { useAdminCall } from "./use-admin-call";

export type PushDeviceView = { id: string; channelId: string; deviceName: string; pushService: string; lastUsedAt: string | null; lastError: string | null };

function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const b64 = base64url.replace(/-/g, "+").replace(/_/g, "/");
  const raw = atob(b64 + "=".repeat((4 - (b64.length % 4)) % 4));
  return Uint8Array.from(raw, (c) => c.charCodeAt(0));
}

function guessDeviceName(): string {
  const ua = navigator.userAgent;
  const os = /iPhone|iPad|Android|Mac OS X|Windows|Linux/.exec(ua)?.[0]?.replace("Mac OS X", "Mac") ?? "device";
  const browser = /Firefox|Edg|Chrome|Safari/.exec(ua)?.[0]?.replace("Edg", "Edge") ?? "browser";
  return `${browser} on ${os}`;
}

/** Asks for permission (only here, on a click), subscribes with the VAPID key, and returns the subscription to store. */
async function browserSubscription(): Promise<PushSubscriptionJSON> {
  if (!("serviceWorker" in navigator) || !("PushManager" in window)) throw new Error("This browser cannot receive web push.");
  const permission = await Notification.requestPermission();
  if (permission !== "granted") throw new Error("Notifications are blocked for this site: allow them in the browser's settings.");
  const registration = (await navigator.serviceWorker.getRegistration("/")) ?? (await navigator.serviceWorker.register("/sw.js", { scope: "/" }));
  await navigator.serviceWorker.ready;
  const res = await fetch("/api/cockpit/push/key");
  if (!res.ok) throw new Error(`The push key is not available (HTTP ${res.status}).`);
  const { publicKey } = (await res.json()) as { publicKey: string };
  try {
    const sub = await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(publicKey) });
    return sub.toJSON();
  } catch (error) {
    throw new Error(`The browser could not subscribe (${error instanceof Error ? error.message : String(error)}).`, { cause: error });
  }
}

/** A web push channel's devices: subscribe this one (named), list them with their last use, revoke any. */
export function PushDevices({ channelId, devices }: { channelId: string; devices: PushDeviceView[] }) {
  const { busy, call } = useAdminCall();
  const toasts = useToast();
  const [name, setName] = useState("");
  const [status, setStatus] = useState<string | null>(null);
  const subscribe = async () => {
    setStatus("Asking the browser…");
    try {
      const subscription = await browserSubscription();
      const saved = await call("/api/cockpit/push/subscriptions", "POST", { channelId, deviceName: name.trim() || guessDeviceName(), subscription });
      setStatus(saved ? "This device is subscribed." : null);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      setStatus(message);
      toasts.show({ tone: "error", title: "Push not enabled", body: message });
    }
  };
  return (
    <div className="mt-2 space-y-2" data-testid={`push-devices-${channelId}`}>
      <ul className="space-y-1 text-xs">
        {devices.length === 0 && <li>No device subscribed yet.</li>}
        {devices.map((d) => (
          <li key={d.id} className="flex flex-wrap items-center gap-2" data-testid="push-device">
            <span className="font-medium">{d.deviceName}</span>
            <span>via {d.pushService}</span>
            <span>· last used {d.lastUsedAt ? new Date(d.lastUsedAt).toLocaleString() : "never"}</span>
            {d.lastError && <span className="text-red-700 dark:text-red-300">· {d.lastError}</span>}
            <button type="button" className={secondaryButton} disabled={busy} onClick={() => void call("/api/cockpit/push/subscriptions", "DELETE", { id: d.id })}>
              Revoke
            </button>
          </li>
        ))}
      </ul>
      <div className="flex flex-wrap items-end gap-2">
        <div>
          <label htmlFor={`push-name-${channelId}`} className={labelBase}>
            This device&apos;s name
          </label>
          <input id={`push-name-${channelId}`} className={inputBase} placeholder="e.g. my phone" value={name} onChange={(e) => setName(e.target.value)} />
        </div>
        <button type="button" className={secondaryButton} disabled={busy} onClick={() => void subscribe()} data-testid="push-subscribe">
          Enable push on this device
        </button>
      </div>
      {status && (
        <p role="status" className="text-xs" data-testid="push-status">
          {status}
        </p>
      )}
    </div>
  );
}
