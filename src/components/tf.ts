// The single import of TensorFlow.js for the whole site (see shared/STACK.md):
// the plain "@tensorflow/tfjs" entry breaks random ops in the browser, the prebundled
// ES module does not. Everything else imports tf from here.
export * from "@tensorflow/tfjs/dist/tf.fesm.js";
