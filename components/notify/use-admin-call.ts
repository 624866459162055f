"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useToast } from "../toasts";

/** A JSON call to the admin REST routes; shows the server's error (which names the field) and refreshes the page on success. */
export function useAdminCall() {
  const router = useRouter();
  const toasts = useToast();
  const [busy, setBusy] = useState(false);
  const call = async <T>(path: string, method: string, body?: unknown): Promise<T | null> => {
    setBusy(true);
    try {
      const res = await fetch(path, {
        method,
        headers: body === undefined ? {} : { "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const json = (await res.json().catch(() => ({}))) as T & { error?: { message?: string } };
      if (!res.ok) {
        toasts.show({ tone: "error", title: "Not saved", body: json.error?.message ?? `HTTP ${res.status}` });
        return null;
      }
      router.refresh();
      return json;
    } finally {
      setBusy(false);
    }
  };
  return { busy, call };
}
