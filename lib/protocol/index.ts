export * from "./constants";
export * from "./limits";
export * from "./common";
export * from "./agent-frames";
export * from "./fleet-frames";
export * from "./hub-frames";
export * from "./parse";
