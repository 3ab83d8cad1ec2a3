export * from "./config.ts";
export * from "./metrics.ts";
export * from "./clip.ts";
export * from "./train.ts";
export * from "./step.ts";
