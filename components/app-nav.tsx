"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { focusRing } from "./ui/styles";

const ITEMS = [
  { href: "/", label: "Overview" },
  { href: "/activity", label: "Activity" },
  { href: "/tasks", label: "Tasks" },
  { href: "/repos", label: "Repos" },
  { href: "/alerts", label: "Alerts" },
  { href: "/agents", label: "Agents" },
  { href: "/sessions", label: "Sessions" },
  { href: "/approvals", label: "Approvals" },
  { href: "/analytics", label: "Analytics" },
  { href: "/notifications", label: "Notifications" },
  { href: "/templates", label: "Templates" },
  { href: "/api-reference", label: "API" },
] as const;

/** Scrolls sideways on phones rather than hiding behind a menu: eleven items, one tap each (44 px tall unless the pointer is fine). */
export function AppNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="Main" className="-mx-1 overflow-x-auto">
      <ul className="flex gap-1 px-1">
        {ITEMS.map((item) => {
          const active = item.href === "/" ? pathname === "/" : pathname.startsWith(item.href);
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                data-testid={`nav-${item.label.toLowerCase()}`}
                aria-current={active ? "page" : undefined}
                className={`inline-flex min-h-11 items-center rounded-md px-2 text-sm sm:px-3 font-medium whitespace-nowrap pointer-fine:min-h-9 ${focusRing} ${
                  active
                    ? "bg-slate-900 text-white dark:bg-slate-100 dark:text-slate-900"
                    : "text-slate-700 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800"
                }`}
              >
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
