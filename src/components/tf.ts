// The single import of TensorFlow.js for the whole site (see shared/STACK.md): the plain
// "@tensorflow/tfjs" entry breaks random ops in the browser, the prebundled ES module does not.
// Everything else imports tf from here. The minified bundle: Framework's own minifier leaves
// 1.9 MB of the 4 MB one, tfjs's leaves 1.1 MB, and each worker compiles it before its first answer.
export * from "@tensorflow/tfjs/dist/tf.fesm.min.js";
