import Link from "next/link";
import type { ReactNode } from "react";
import { inputBase, labelBase, primaryButton, secondaryButton } from "./styles";

/** A GET form: filters live in the URL, so they work without JavaScript and survive reloads and sharing. */
export function FilterBar({ action, children, clearHref }: { action: string; children: ReactNode; clearHref: string }) {
  return (
    <form action={action} method="get" role="search" className="mb-4 flex flex-wrap items-end gap-3" data-testid="filters">
      {children}
      <div className="flex gap-2">
        <button type="submit" className={primaryButton}>
          Apply
        </button>
        <Link href={clearHref} className={secondaryButton}>
          Clear
        </Link>
      </div>
    </form>
  );
}

export function SelectFilter(props: {
  name: string;
  label: string;
  value?: string;
  options: readonly string[];
  anyLabel?: string;
  labels?: Record<string, string>;
}) {
  const id = `filter-${props.name}`;
  return (
    <div className="w-[calc(50%-0.375rem)] min-[480px]:w-40">
      <label htmlFor={id} className={labelBase}>
        {props.label}
      </label>
      <select id={id} name={props.name} defaultValue={props.value ?? ""} className={inputBase} data-testid={id}>
        <option value="">{props.anyLabel ?? "Any"}</option>
        {props.options.map((o) => (
          <option key={o} value={o}>
            {props.labels?.[o] ?? o.replace("_", " ")}
          </option>
        ))}
      </select>
    </div>
  );
}

export function TextFilter(props: { name: string; label: string; value?: string; placeholder?: string; type?: "text" | "search"; narrow?: boolean }) {
  const id = `filter-${props.name}`;
  return (
    <div className={props.narrow ? "w-[calc(50%-0.375rem)] min-[480px]:w-44" : "w-full min-[480px]:w-56"}>
      <label htmlFor={id} className={labelBase}>
        {props.label}
      </label>
      <input
        id={id}
        name={props.name}
        type={props.type ?? "text"}
        defaultValue={props.value ?? ""}
        placeholder={props.placeholder}
        className={inputBase}
        data-testid={id}
      />
    </div>
  );
}
