"use client";
import dynamic from "next/dynamic";

// Its own chunk, fetched after the page is interactive: the overview's first load stays small.
const CommandBar = dynamic(() => import("./command-bar").then((m) => m.CommandBar), { ssr: false });

export function CommandBarLoader() {
  return <CommandBar />;
}
