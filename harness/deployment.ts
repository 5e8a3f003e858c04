// One operation in progress (preview, update, refresh or destroy): the state it started from, the state it is building,
// the steps it has taken and the provider host it talks to. The step modules all work on this one object, and every
// state write and every printed step goes through it, so that the state file and the output follow the steps' order.
import { ProviderHost } from "./host";
import { Printer, type OperationKind, type StepOp } from "./display";
import { unwrapSecrets, type Json, type PropertyMap } from "./props";
import { readStateFile, writeStateFile, type StateFile, type StateResource } from "./state";
import { STACK_TYPE } from "./urn";
import type { EngineContext, OperationResult, StepResult } from "./engine-types";

/** A failed step: the operation stops and returns ok:false (the harness itself did nothing wrong). */
export class StepFailure extends Error {}

/** The resource a step is about, as it is named in the output and in errors. */
export interface StepTarget {
  urn: string;
  type: string;
  name: string;
}

export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function emptySummary(): Record<StepOp, number> {
  return { create: 0, update: 0, replace: 0, same: 0, delete: 0, refresh: 0, "read-gone": 0 };
}

export class Deployment {
  readonly preview: boolean;
  readonly printer: Printer;
  /** The state as the operation found it, in its order (dependencies before dependents). */
  readonly olds: StateResource[];
  /** The live old resources by URN; old instances pending delete are not among them. */
  readonly oldsByUrn = new Map<string, StateResource>();
  /** Entries this operation wrote; they come first in the state file. */
  readonly news: StateResource[] = [];
  /** Old entries that have left the state (superseded by a new entry, or deleted). */
  readonly retired = new Set<StateResource>();
  /** URNs the program registered in this run. */
  readonly registered = new Set<string>();
  /** URNs whose old instance this run deleted ahead of time (delete-before-replace chains): `sg.deletes`. */
  readonly deletedUrns = new Set<string>();
  readonly deletedThisRun = new Set<StateResource>();
  /** For dependents deleted ahead of time: the keys that forced their replacement, reported when they are re-created. */
  readonly dependentReplaceKeys = new Map<string, string[]>();
  stackOutputs: PropertyMap;
  /** Only a program that registered the stack's outputs gets them printed. */
  stackOutputsRegistered = false;
  readonly warnings: string[] = [];
  private readonly steps: StepResult[] = [];
  private readonly errors: { title: string; message: string }[] = [];
  private failure: string | undefined;
  private hostPromise: Promise<ProviderHost> | undefined;

  constructor(
    readonly ctx: EngineContext,
    readonly kind: OperationKind,
  ) {
    this.preview = kind === "preview";
    this.printer = new Printer(ctx.out, kind, ctx.stack);
    const prev = readStateFile(ctx.stateFile, ctx.project, ctx.stack);
    this.olds = prev.resources;
    for (const r of this.olds) if (!r.pendingDelete) this.oldsByUrn.set(r.urn, r);
    this.stackOutputs = prev.outputs;
  }

  /** Whether a step has failed: the operation takes no further steps then. */
  get failed(): boolean {
    return this.failure !== undefined;
  }

  /** The provider host, started on first use (and only once) as the engine loads a plugin when it needs it. */
  host(): Promise<ProviderHost> {
    if (!this.hostPromise) {
      this.hostPromise = ProviderHost.start({
        programDir: this.ctx.programDir,
        project: this.ctx.project,
        stack: this.ctx.stack,
        config: this.ctx.config,
        env: this.ctx.env,
      });
      // A start failure surfaces where the host is awaited; this only keeps it from being an unhandled rejection.
      this.hostPromise.catch(() => undefined);
    }
    return this.hostPromise;
  }

  /** Stops the host if one was started; returns what it printed (nothing if it never started). */
  async stopHost(): Promise<string[]> {
    if (!this.hostPromise) return [];
    try {
      const h = await this.hostPromise;
      await h.stop();
      return h.output;
    } catch {
      return [];
    }
  }

  private snapshot(): StateFile {
    return {
      version: 1,
      stack: this.ctx.stack,
      project: this.ctx.project,
      resources: [...this.news, ...this.olds.filter((r) => !this.retired.has(r))],
      outputs: this.stackOutputs,
    };
  }

  /** Persists after every step (never during a preview), so that a crash loses no id. */
  save(): void {
    if (this.preview) return;
    writeStateFile(this.ctx.stateFile, this.snapshot());
  }

  /** Adds a step to the result and prints it (a pending replacement dropped from state prints nothing, as in Pulumi). */
  record(step: StepResult, opts: { diff?: string[]; info?: string } = {}): void {
    this.steps.push(step);
    if (step.physical === "remove-pending-replace") return;
    this.printer.step(step.op, step.type, step.name, {
      diff: opts.diff,
      info: opts.info,
      failed: step.error !== undefined,
      physical: step.physical,
    });
  }

  /** Records a failed step; the caller throws what it returns, which ends the operation with ok:false. */
  fail(target: StepTarget, op: StepOp, message: string, extra: Partial<StepResult> = {}): StepFailure {
    this.failure = this.failure ?? message;
    this.errors.push({ title: `${target.type} (${target.name})`, message });
    this.record({ ...target, op, diffKeys: [], replaceKeys: [], error: message, ...extra });
    return new StepFailure(message);
  }

  /**
   * Runs an operation that has no program (refresh, destroy). A failed step ends it with ok:false; any other error
   * is the harness's own and is thrown. The host is stopped either way.
   */
  async runWithoutProgram(takeSteps: () => Promise<void>): Promise<OperationResult> {
    this.printer.header();
    let hostOutput: string[] = [];
    try {
      await takeSteps();
    } catch (e) {
      if (!(e instanceof StepFailure)) throw e;
    } finally {
      hostOutput = await this.stopHost();
    }
    return this.finish([], [], hostOutput);
  }

  /** Prints the outputs, diagnostics and summary, and builds the operation's result. */
  finish(programStdout: string[], programStderr: string[], hostOutput: string[]): OperationResult {
    const outputs = (this.kind === "destroy" ? {} : this.stackOutputs) as PropertyMap;
    if (this.stackOutputsRegistered) this.printer.outputs(outputs);
    const stackTitle = `${STACK_TYPE} (${this.ctx.project}-${this.ctx.stack})`;
    const groups = [
      ...this.errors.map((e) => ({ title: e.title, lines: [`error: ${e.message}`] })),
      // Plugin output has no URN: the CLI shows it with the stack's diagnostics.
      {
        title: stackTitle,
        lines: [...programStdout, ...programStderr, ...hostOutput, ...this.warnings.map((w) => `warning: ${w}`)],
      },
    ];
    this.printer.diagnostics(groups);
    const summary = emptySummary();
    for (const s of this.steps) if (!s.physical && s.error === undefined) summary[s.op]++;
    this.printer.summary(summary);
    return {
      ok: this.failure === undefined,
      error: this.failure,
      steps: this.steps,
      outputs: unwrapSecrets(outputs as Json) as Record<string, unknown>,
      summary,
      diagnostics: groups.flatMap((g) => g.lines.map((l) => `${g.title}: ${l}`)),
    };
  }
}
