/**
 * The decoder, step by step (Bahdanau, Luong with input feeding, inference) or with all
 * attention computed after the recurrence (Luong without input feeding: the cheap path).
 */
import * as tf from "../tf.js";
import { isBahdanau, isLuong } from "./config.js";
import { linear } from "./linear.js";
import { localWindow, sliceKeys, sliceMask, widen } from "./local.js";
import { attend, type Attended } from "./attend.js";
import { gruStep } from "./gru.js";
import { gruSequence } from "./gru-sequence.js";
import { bahdanauSequence, type BahdanauWeights } from "./bahdanau-sequence.js";
import { embed, type DecoderModel } from "./seq2seq.js";
import type { Encoded } from "./encoder.js";

export interface AttentionContext {
  keys: tf.Tensor3D; // h_j [B, S, H]
  prepared: tf.Tensor3D; // the scorer's key-side work
  maskBias: tf.Tensor3D; // [B, 1, S]
}

export interface StepOptions {
  /** Hard attention samples in training, takes the argmax otherwise. */
  sample: boolean;
  seed: number;
}

export interface DecoderState {
  h: tf.Tensor2D;
  /** Luong input feeding: h̃ of the previous step. */
  feed?: tf.Tensor2D;
}

export interface StepResult {
  state: DecoderState;
  /** What the output layer reads [B, D]. */
  output: tf.Tensor2D;
  attended?: Attended;
}

export function attentionContext(
  model: DecoderModel,
  encoded: Encoded,
  maskBias: tf.Tensor3D,
): AttentionContext | undefined {
  if (!model.scorer) return undefined;
  return { keys: encoded.states, prepared: model.scorer.prepare(encoded.states), maskBias };
}

export function initialState(model: DecoderModel, encoded: Encoded): DecoderState {
  const { config } = model;
  const B = encoded.final.shape[0];
  return {
    h: encoded.final,
    feed: isLuong(config.attention) && config.inputFeeding ? tf.zeros([B, config.hiddenSize]) : undefined,
  };
}

/** Input projection of previous outputs y_{t-1}: ids [N] → [N, 3H] (includes the GRU input bias). */
export function projectTargets(model: DecoderModel, ids: tf.Tensor1D): tf.Tensor2D {
  const w = model.decoder;
  return linear(embed(model, ids), w.inputKernel as tf.Tensor2D, w.inputBias as tf.Tensor1D);
}

function look(
  model: DecoderModel,
  ctx: AttentionContext,
  query: tf.Tensor2D,
  options: StepOptions,
  t: number,
): Attended {
  const { config, scorer } = model;
  const [B, D] = query.shape;
  const S = ctx.keys.shape[1];
  const window = localWindow(t, S, config.window);
  const keys = window ? sliceKeys(ctx.keys, window) : ctx.keys;
  const prepared = window ? sliceKeys(ctx.prepared, window) : ctx.prepared;
  const maskBias = window ? sliceMask(ctx.maskBias, window) : ctx.maskBias;
  const attended = attend(scorer!.score(tf.reshape(query, [B, 1, D]), prepared), maskBias, keys, {
    mode: config.mode,
    temperature: config.temperature,
    sample: options.sample,
    seed: options.seed + t,
  });
  return window ? widen(attended, window, S) : attended;
}

/** h̃ = tanh(W_c [c; h]) (Luong eq. 5), for [rows, ·] inputs. */
export function attentionalState(model: DecoderModel, context: tf.Tensor2D, h: tf.Tensor2D): tf.Tensor2D {
  return tf.tanh(linear(tf.concat([context, h], 1), model.params["out.Wc"] as tf.Tensor2D));
}

/** One decoder step given the projected previous output yProj [B, 3H]. */
export function decoderStep(
  model: DecoderModel,
  ctx: AttentionContext | undefined,
  yProj: tf.Tensor2D,
  state: DecoderState,
  options: StepOptions,
  t: number,
): StepResult {
  const { config, params, decoder } = model;
  if (!ctx) {
    const h = gruStep(decoder, yProj, state.h);
    return { state: { h }, output: h };
  }
  if (isBahdanau(config.attention)) {
    // Bahdanau: score with s_{t-1}, then the context joins the GRU's input.
    const attended = look(model, ctx, state.h, options, t);
    const context = tf.squeeze(attended.context, [1]) as tf.Tensor2D;
    const x = tf.add(yProj, linear(context, params["dec.Wc"] as tf.Tensor2D)) as tf.Tensor2D;
    const h = gruStep(decoder, x, state.h);
    return { state: { h }, output: tf.concat([h, context], 1), attended };
  }
  // Luong: run the GRU first, score with h_t, then combine into h̃_t.
  const x = state.feed ? (tf.add(yProj, linear(state.feed, params["dec.Wf"] as tf.Tensor2D)) as tf.Tensor2D) : yProj;
  const h = gruStep(decoder, x, state.h);
  const attended = look(model, ctx, h, options, t);
  const tilde = attentionalState(model, tf.squeeze(attended.context, [1]) as tf.Tensor2D, h);
  return { state: { h, feed: state.feed ? tilde : undefined }, output: tilde, attended };
}

export interface DecoderRun {
  /** Output vectors, batch-major [B * T, D]. */
  outputs: tf.Tensor2D;
  /** Attention over all steps [B, T, S] (when the model has attention). */
  attention?: {
    scores: tf.Tensor3D;
    weights: tf.Tensor3D;
    used: tf.Tensor3D;
    logProbPicked?: tf.Tensor2D;
    entropy?: tf.Tensor2D;
  };
}

/** Bahdanau soft attention, every step in one op (bahdanau-sequence.ts): the same run, fewer kernels. */
function decodeBahdanauFused(
  model: DecoderModel,
  s0: tf.Tensor2D,
  ctx: AttentionContext,
  projected: tf.Tensor2D,
  T: number,
): DecoderRun {
  const { params, decoder } = model;
  const [B, S, K] = ctx.keys.shape;
  const H = decoder.hiddenSize;
  const w = { decoder, W: params["att.W"], v: params["att.v"], Wc: params["dec.Wc"] } as BahdanauWeights;
  const steps = bahdanauSequence(w, projected, s0, ctx.keys, ctx.prepared, ctx.maskBias); // [T, B, H+K+2S]
  const columns = (from: number, size: number) =>
    tf.transpose(tf.slice(steps, [0, 0, from], [-1, -1, size]), [1, 0, 2]) as tf.Tensor3D; // [B, T, size]
  let weights: tf.Tensor3D | undefined;
  let scores: tf.Tensor3D | undefined;
  return {
    outputs: tf.reshape(columns(0, H + K), [B * T, H + K]),
    attention: {
      get scores() {
        return (scores ??= columns(H + K + S, S));
      },
      get weights() {
        return (weights ??= columns(H + K, S));
      },
      get used() {
        return this.weights;
      },
    },
  };
}

const cat1 = <R extends tf.Rank>(xs: tf.Tensor<R>[]) => tf.concat(xs, 1);

/** Teacher-forced decoding of targetIn [T, B] (time-major ids). Call inside tf.tidy. */
export function decodeTeacherForced(
  model: DecoderModel,
  encoded: Encoded,
  maskBias: tf.Tensor3D,
  targetIn: tf.Tensor2D,
  options: StepOptions,
): DecoderRun {
  const [T, B] = targetIn.shape;
  const ctx = attentionContext(model, encoded, maskBias);
  const projected = projectTargets(model, tf.reshape(targetIn, [T * B]));
  const { config } = model;
  if (!ctx) {
    // No attention: the recurrence alone, every step in one op.
    const states = gruSequence(model.decoder, projected, T, { initial: encoded.final }); // [T, B, H]
    return { outputs: tf.reshape(tf.transpose(states, [1, 0, 2]), [B * T, config.hiddenSize]) };
  }
  if (isBahdanau(config.attention) && config.mode === "soft" && config.temperature === 1 && !config.window) {
    return decodeBahdanauFused(model, encoded.final, ctx, projected, T);
  }

  if (isLuong(config.attention) && !config.inputFeeding && config.window === 0) {
    // The recurrence does not depend on attention, so all T steps attend in one batch.
    const states = gruSequence(model.decoder, projected, T, { initial: encoded.final });
    const queries = tf.transpose(states, [1, 0, 2]) as tf.Tensor3D; // [B, T, H]
    const attended = attend(model.scorer!.score(queries, ctx.prepared), maskBias, ctx.keys, {
      mode: config.mode,
      temperature: config.temperature,
      sample: options.sample,
      seed: options.seed,
    });
    const rows = B * T;
    const tilde = attentionalState(
      model,
      tf.reshape(attended.context, [rows, -1]),
      tf.reshape(queries, [rows, config.hiddenSize]),
    );
    return { outputs: tilde, attention: attended };
  }

  const yProj = tf.unstack(tf.reshape(projected, [T, B, -1])) as tf.Tensor2D[];
  let state = initialState(model, encoded);
  const outputs: tf.Tensor2D[] = [];
  const steps: Attended[] = [];
  for (let t = 0; t < T; t++) {
    const r = decoderStep(model, ctx, yProj[t], state, options, t);
    state = r.state;
    outputs.push(r.output);
    if (r.attended) steps.push(r.attended);
  }
  const D = outputs[0].shape[1];
  const run: DecoderRun = { outputs: tf.reshape(tf.stack(outputs, 1), [B * T, D]) };
  if (steps.length > 0) {
    // Joined over the steps only when read (the loss reads only hard attention's two): under a
    // gradient tape each concat also clones its T inputs, ~3T kernels a training step for nothing.
    const joined = <K extends keyof Attended>(key: K) => {
      let value: tf.Tensor | undefined;
      return () => (value ??= cat1(steps.map((s) => s[key] as tf.Tensor)));
    };
    const [scores, weights, used] = [joined("scores"), joined("weights"), joined("used")];
    run.attention = {
      get scores() {
        return scores() as tf.Tensor3D;
      },
      get weights() {
        return weights() as tf.Tensor3D;
      },
      get used() {
        return used() as tf.Tensor3D;
      },
      logProbPicked: steps[0].logProbPicked ? cat1(steps.map((s) => s.logProbPicked!)) : undefined,
      entropy: steps[0].entropy ? cat1(steps.map((s) => s.entropy!)) : undefined,
    };
  }
  return run;
}
