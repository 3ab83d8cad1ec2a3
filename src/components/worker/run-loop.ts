// The run loop every worker shares: it drives an async generator of snapshots (a training
// run, a race, a measurement), one snapshot per pull, and lets start / pause / resume / step /
// stop in between. Runs and queued jobs are serialised: a new run starts only after the old
// one's `finally` has freed its tensors. DOM-free, so it is tested in Node.

/** What the loop reports about a run. */
export interface RunEvents<Snapshot> {
  snapshot(runId: number, snapshot: Snapshot): void;
  /** The run ended: its generator returned, `isLast` said so, or it was stopped. */
  end(runId: number, cancelled: boolean): void;
  error(runId: number, error: unknown): void;
}

interface Run {
  id: number;
  cancelled: boolean;
  paused: boolean;
  /** Snapshots to pull while paused (the Step button). */
  steps: number;
  wake?: () => void;
}

/** Waits for the next macrotask, so queued messages (pause, stop, requests) get in. */
const yieldToMessages = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export class RunLoop<Snapshot> {
  private run: Run | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private jobs: Promise<void> = Promise.resolve();

  constructor(
    private readonly events: RunEvents<Snapshot>,
    /** Ends the run after this snapshot (e.g. a training run that is done or diverged). */
    private readonly isLast: (snapshot: Snapshot) => boolean = () => false,
  ) {}

  /** Whether a run is under way (paused included). */
  get active(): boolean {
    return this.run !== undefined;
  }

  /**
   * Stops any run, then starts `open()`'s generator once everything queued before has
   * finished. `open` runs inside the queue, so it may replace models the old run used.
   */
  start(
    runId: number,
    open: () => AsyncGenerator<Snapshot, unknown, undefined> | Promise<AsyncGenerator<Snapshot, unknown, undefined>>,
    { paused = false } = {},
  ): Promise<void> {
    this.stop();
    const run: Run = { id: runId, cancelled: false, paused, steps: 0 };
    this.run = run;
    return this.chain(() => this.drive(run, open));
  }

  pause(): void {
    if (this.run) this.run.paused = true;
  }

  resume(): void {
    if (!this.run) return;
    this.run.paused = false;
    this.wake(this.run);
  }

  step(): void {
    if (!this.run) return;
    this.run.steps++;
    this.wake(this.run);
  }

  stop(): void {
    const run = this.run;
    if (!run) return;
    run.cancelled = true;
    this.wake(run);
    this.run = undefined;
  }

  /** Runs `job` after every queued run and job (a failed one does not block the queue). */
  enqueue<T>(job: () => Promise<T> | T): Promise<T> {
    const next = this.chain(job);
    this.jobs = next.then(
      () => undefined,
      () => undefined,
    );
    return next;
  }

  /**
   * Settles once every job queued so far (not runs) has finished: a request answered at once
   * still sees the model a queued load put in place.
   */
  jobsDone(): Promise<void> {
    return this.jobs;
  }

  private chain<T>(job: () => Promise<T> | T): Promise<T> {
    const next = this.queue.then(job, job);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private wake(run: Run): void {
    run.wake?.();
    run.wake = undefined;
  }

  private async drive(
    run: Run,
    open: () => AsyncGenerator<Snapshot, unknown, undefined> | Promise<AsyncGenerator<Snapshot, unknown, undefined>>,
  ): Promise<void> {
    if (run.cancelled) return this.events.end(run.id, true);
    let generator: AsyncGenerator<Snapshot, unknown, undefined> | undefined;
    let finished = false;
    try {
      generator = await open();
      while (!run.cancelled) {
        if (run.paused && run.steps === 0) {
          await new Promise<void>((resolve) => (run.wake = resolve));
          continue;
        }
        if (run.steps > 0) run.steps--;
        const next = await generator.next();
        if (next.done) {
          finished = true;
          break;
        }
        if (run.cancelled) break;
        this.events.snapshot(run.id, next.value);
        if (this.isLast(next.value)) {
          finished = true;
          break;
        }
        await yieldToMessages();
      }
    } catch (e) {
      this.events.error(run.id, e);
      return;
    } finally {
      // Runs the generator's own `finally`: a stopped run frees its tensors here.
      await generator?.return(undefined);
      if (this.run === run) this.run = undefined;
    }
    this.events.end(run.id, !finished);
  }
}
