export * from "./constants";
export * from "./limits";
export * from "./common";
export * from "./agent-frames";
export * from "./hub-frames";
export * from "./parse";
export * from "./git-safety";
export * from "./remote-identity";
