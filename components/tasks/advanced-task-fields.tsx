"use client";
import { useState } from "react";
import { inputBase, labelBase } from "../ui/styles";
import { aria, FieldError, FormField } from "./form-field";
import { RequiresRepoFields } from "./requires-repo-fields";
import type { TaskFormErrors } from "@/lib/dashboard/task-form";

type Props = { errors: TaskFormErrors; open: boolean; onToggle: (open: boolean) => void; agentIds: string[]; repos?: string[] };

/** Retries, timeouts, dependencies, fan-out and a target agent: folded away until needed, opened by any error inside. */
export function AdvancedTaskFields({ errors, open, onToggle, agentIds, repos = [] }: Props) {
  const [fanOutMode, setFanOutMode] = useState<"off" | "capability" | "agents">("off");
  return (
    <details
      open={open}
      onToggle={(e) => onToggle(e.currentTarget.open)}
      className="rounded-lg border border-slate-200 dark:border-slate-800"
      data-testid="task-advanced"
    >
      <summary className="cursor-pointer list-inside rounded-lg px-3 py-2.5 text-sm font-medium focus-visible:outline-2 focus-visible:outline-sky-600">
        Advanced <span className="font-normal text-slate-600 dark:text-slate-400">— retries, timeouts, dependencies, fan-out, repository, target agent</span>
      </summary>
      <div className="space-y-4 border-t border-slate-200 p-3 dark:border-slate-800">
        <div className="grid gap-4 sm:grid-cols-3">
          <FormField id="maxAttempts" label="Max attempts" hint="1 = no retries" error={errors.maxAttempts}>
            <input
              id="maxAttempts"
              name="maxAttempts"
              type="number"
              min={1}
              max={20}
              defaultValue={1}
              inputMode="numeric"
              className={inputBase}
              {...aria("maxAttempts", errors.maxAttempts, true)}
              data-testid="task-max-attempts"
            />
          </FormField>
          <FormField id="timeout" label="Run timeout" hint="per attempt, e.g. 10m" error={errors.timeoutMs}>
            <input
              id="timeout"
              name="timeout"
              placeholder="none"
              className={inputBase}
              {...aria("timeout", errors.timeoutMs, true)}
              data-testid="task-timeout"
            />
          </FormField>
          <FormField id="queueTimeout" label="Queue timeout" hint="expires if not picked up, e.g. 1h" error={errors.queueTimeoutMs}>
            <input
              id="queueTimeout"
              name="queueTimeout"
              placeholder="none"
              className={inputBase}
              {...aria("queueTimeout", errors.queueTimeoutMs, true)}
              data-testid="task-queue-timeout"
            />
          </FormField>
        </div>
        <label className="flex items-start gap-2 text-sm">
          <input type="checkbox" name="idempotent" className="mt-0.5" data-testid="task-idempotent" />
          <span>
            Safe to run twice{" "}
            <span className="text-slate-600 dark:text-slate-400">
              — retry automatically even when an attempt was cut short midway (agent restarted or vanished)
            </span>
          </span>
        </label>
        <FormField
          id="dependsOn"
          label="Depends on (task ids, comma separated)"
          hint="Waits until all of these complete; fails if one fails."
          error={errors.dependsOn}
        >
          <input
            id="dependsOn"
            name="dependsOn"
            placeholder="task_…"
            className={`${inputBase} font-mono`}
            {...aria("dependsOn", errors.dependsOn, true)}
            data-testid="task-depends-on-input"
          />
        </FormField>
        <fieldset>
          <legend className={labelBase}>Fan-out</legend>
          <div className="grid gap-2 sm:grid-cols-[12rem_1fr]">
            <select
              name="fanOutMode"
              aria-label="Fan-out mode"
              value={fanOutMode}
              onChange={(e) => setFanOutMode(e.target.value as typeof fanOutMode)}
              className={inputBase}
              data-testid="task-fanout-mode"
            >
              <option value="off">Off: one task</option>
              <option value="capability">Every agent with</option>
              <option value="agents">These agents</option>
            </select>
            {fanOutMode === "capability" && (
              <input
                name="fanOutCapability"
                aria-label="Capability every child's agent has"
                placeholder="capability, e.g. docker"
                className={inputBase}
                {...aria("fanOut", errors.fanOut)}
                data-testid="task-fanout-value"
              />
            )}
            {fanOutMode === "agents" && (
              <input
                name="fanOutAgents"
                aria-label="Agent ids, comma separated"
                placeholder="agent ids, comma separated"
                list="agent-ids"
                className={inputBase}
                {...aria("fanOut", errors.fanOut)}
                data-testid="task-fanout-value"
              />
            )}
          </div>
          <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">
            One child task per agent; the task completes when all children complete and fails when one fails.
          </p>
          <FieldError id="fanOut-error" message={errors.fanOut} />
        </fieldset>
        <RequiresRepoFields error={errors.requiresRepo} repos={repos} />
        <FormField id="targetAgentId" label="Target agent (optional)" hint="Only this agent may run it." error={errors.targetAgentId}>
          <input
            id="targetAgentId"
            name="targetAgentId"
            list="agent-ids"
            autoComplete="off"
            className={inputBase}
            {...aria("targetAgentId", errors.targetAgentId, true)}
            data-testid="task-target-agent"
          />
        </FormField>
        <datalist id="agent-ids">
          {agentIds.map((id) => (
            <option key={id} value={id} />
          ))}
        </datalist>
      </div>
    </details>
  );
}
