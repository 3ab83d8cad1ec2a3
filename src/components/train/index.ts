export * from "./config.js";
export * from "./metrics.js";
export * from "./clip.js";
export { adam } from "./adam.js";
export * from "./train.js";
export * from "./step.js";
export * from "./learner.js";
export * from "./calibrate.js";
