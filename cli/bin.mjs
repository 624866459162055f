#!/usr/bin/env node
// Runs the TypeScript CLI directly: tsx's ESM loader is registered, then the CLI is imported.
import { register } from "tsx/esm/api";

register();
await import("./main.ts");
