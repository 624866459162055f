"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useToast } from "../toasts";

/** A JSON call to the admin REST routes; shows the server's error (which names the field) and refreshes the page on success. */
export function useAdminCall() {
  const router = useRouter();
  const toasts = useToast();
  const [busy, setBusy] = useState(false);
  // The last refusal, with the field the server named, so a form can mark that field.
  const [error, setError] = useState<{ field: string | null; message: string } | null>(null);
  const call = async <T>(path: string, method: string, body?: unknown): Promise<T | null> => {
    setBusy(true);
    setError(null);
    try {
      const res = await fetch(path, {
        method,
        headers: body === undefined ? {} : { "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const json = (await res.json().catch(() => ({}))) as T & { error?: { message?: string; field?: string } };
      if (!res.ok) {
        setError({ field: json.error?.field ?? null, message: json.error?.message ?? `HTTP ${res.status}` });
        toasts.show({ tone: "error", title: "Not saved", body: json.error?.message ?? `HTTP ${res.status}` });
        return null;
      }
      router.refresh();
      return json;
    } finally {
      setBusy(false);
    }
  };
  return { busy, call, error };
}
