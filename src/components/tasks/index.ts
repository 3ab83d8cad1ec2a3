export * from "./vocabulary.ts";
export * from "./tasks.ts";
export * from "./dataset.ts";
export * from "./batch.ts";
