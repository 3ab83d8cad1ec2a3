// The prebundled ES modules have no typings of their own; they export the same API.
declare module "@tensorflow/tfjs/dist/tf.fesm.min.js" {
  export * from "@tensorflow/tfjs/dist/index";
}
declare module "@tensorflow/tfjs-backend-wasm/dist/tf-backend-wasm.fesm.min.js" {
  export * from "@tensorflow/tfjs-backend-wasm/dist/index";
}
