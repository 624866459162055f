"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import { isWrite, parseCommand } from "@/lib/command-bar/parse";
import { requestFor, type RepoChoice, type SendState, type TemplateInfo, type WriteCommand } from "@/lib/command-bar/requests";
import { sendRequest, withTaskChange, type FeedbackItem, type FollowedTask } from "@/lib/command-bar/send";
import { dequeue, enqueue, loadQueue, type QueuedCommand } from "@/lib/command-bar/storage";
import { useLive } from "../live/live-context";
import { runRead, type Output, type ReadCommand } from "./read-commands";

const SHOWN = 5;
const FINAL = new Set<SendState>(["done", "failed"]);

/** Sends what the bar parsed, keeps writes in the offline queue until the server has them, and follows their tasks live. */
export function useCommandRunner({
  templates,
  repo,
  reloadTemplates,
}: {
  templates: readonly TemplateInfo[];
  repo: RepoChoice | undefined;
  /** Reads the templates again (null when it could not): a name this page's copy lacks may be a template made since. */
  reloadTemplates?: () => Promise<readonly TemplateInfo[] | null>;
}) {
  const live = useLive();
  const [items, setItems] = useState<FeedbackItem[]>([]);
  const [output, setOutput] = useState<Output | null>(null);
  /** Keys being sent right now: a flush never sends one a second time while its first answer is on the way. */
  const inFlight = useRef(new Set<string>());
  const flushing = useRef(false);

  const update = useCallback((key: string, patch: Partial<FeedbackItem> & { text?: string }) => {
    setItems((list) => {
      const found = list.some((i) => i.key === key);
      const next = found ? list.map((i) => (i.key === key ? { ...i, ...patch } : i)) : [{ key, text: "", state: "queued" as SendState, ...patch }, ...list];
      return next.slice(0, SHOWN);
    });
  }, []);

  const follow = useCallback((task: FollowedTask) => setItems((list) => withTaskChange(list, task)), []);

  /** One attempt at one queued command; false when the server could not be reached (the queue waits). */
  const deliver = useCallback(
    async (entry: QueuedCommand): Promise<{ reached: boolean; refused?: string }> => {
      inFlight.current.add(entry.key);
      // The task's id is ours before the POST leaves, so a live change that overtakes the answer finds the item.
      update(entry.key, { text: entry.text, state: "sending", reason: undefined, taskId: entry.request.taskId });
      try {
        const outcome = await sendRequest(entry.request);
        if (outcome.kind === "retry") {
          update(entry.key, { state: "queued", reason: outcome.message });
          return { reached: false };
        }
        dequeue(localStorage, entry.key);
        if (outcome.kind === "refused") {
          update(entry.key, { state: "failed", reason: outcome.message });
          return { reached: true, refused: outcome.message };
        }
        if (outcome.task) follow(outcome.task);
        else update(entry.key, { state: "done" });
        return { reached: true };
      } finally {
        inFlight.current.delete(entry.key);
      }
    },
    [follow, update],
  );

  /** Sends the queue in order, one tab at a time (a Web Lock), until the server is out of reach again. */
  const flush = useCallback(async () => {
    if (flushing.current || !navigator.onLine) return;
    flushing.current = true;
    const drain = async () => {
      for (const entry of loadQueue(localStorage)) {
        if (inFlight.current.has(entry.key)) continue;
        if (!(await deliver(entry)).reached) return;
      }
    };
    try {
      if (navigator.locks) await navigator.locks.request("cockpit-command-queue", drain);
      else await drain();
    } finally {
      flushing.current = false;
    }
  }, [deliver]);

  // Commands left queued by an earlier visit show as queued, and everything queued goes out on reconnect.
  useEffect(() => {
    for (const q of loadQueue(localStorage).reverse()) update(q.key, { text: q.text, state: "queued" });
    void flush();
    const online = () => void flush();
    window.addEventListener("online", online);
    return () => window.removeEventListener("online", online);
  }, [flush, update]);

  // The socket came back (epoch): try the queue, and read again the tasks followed, in case a change was missed.
  const followed = useRef(items);
  followed.current = items;
  useEffect(() => {
    if (live.epoch === 0) return;
    void flush();
    for (const item of followed.current) {
      if (!item.taskId || FINAL.has(item.state)) continue;
      void fetch(`/api/cockpit/tasks/${encodeURIComponent(item.taskId)}`)
        .then((r) => (r.ok ? (r.json() as Promise<{ task: FollowedTask }>) : null))
        .then((body) => body && follow(body.task))
        .catch(() => undefined);
    }
  }, [live.epoch, flush, follow]);

  useEffect(() => live.subscribe("task", ({ row }) => follow(row)), [live, follow]);

  /** Runs one typed line; resolves to the text to put back in the input when it failed (else null). */
  const submit = useCallback(
    async (text: string): Promise<string | null> => {
      let known = templates;
      let parsed = parseCommand(
        text,
        known.map((t) => t.name),
      );
      // A template made a moment ago (on this page or another device) is not in the copy read when the bar opened:
      // read the templates once more before calling the command unknown.
      if (parsed.kind === "invalid" && reloadTemplates && navigator.onLine) {
        const fresh = await reloadTemplates();
        if (fresh) {
          known = fresh;
          parsed = parseCommand(
            text,
            known.map((t) => t.name),
          );
        }
      }
      if (parsed.kind === "empty") return null;
      if (parsed.kind === "invalid") {
        setOutput({ title: "Not sent", lines: [{ text: parsed.message }] });
        return text;
      }
      if (!isWrite(parsed)) return read(parsed as ReadCommand, text);
      const key = `cmd-${crypto.randomUUID()}`;
      const built = requestFor(parsed as WriteCommand, { repo, templates: known, newId: key });
      if (!built.ok) {
        update(key, { text, state: "failed", reason: built.message });
        return text;
      }
      const entry: QueuedCommand = { key, text, request: built.request, queuedAt: Date.now() };
      // Stored before the first try: a reload or a lost answer cannot lose it, and its id makes a resend harmless.
      enqueue(localStorage, entry);
      if (!navigator.onLine) {
        update(key, { text, state: "queued", reason: "offline: sent when the connection is back" });
        return null;
      }
      const { refused } = await deliver(entry);
      return refused ? text : null;
    },
    [templates, repo, deliver, update, reloadTemplates],
  );

  async function read(c: ReadCommand, text: string): Promise<string | null> {
    if (!navigator.onLine && c.kind !== "help") {
      setOutput({ title: "Offline", lines: [{ text: `${text.trim()} needs the server; only commands that change something are queued` }] });
      return text;
    }
    try {
      setOutput(await runRead(c, templates));
      return null;
    } catch (error) {
      setOutput({ title: "Failed", lines: [{ text: error instanceof Error ? error.message : "could not reach the server" }] });
      return text;
    }
  }

  return { items, output, setOutput, submit };
}
