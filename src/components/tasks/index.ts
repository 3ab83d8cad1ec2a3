export * from "./vocabulary.js";
export * from "./tasks.js";
export * from "./dataset.js";
export * from "./batch.js";
