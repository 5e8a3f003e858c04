// The Pulumi engine's part, for Node.js dynamic resources: turns the program's registrations into steps
// (pkg/resource/deploy/step_generator.go) and executes them against the real dynamic-provider host
// (pkg/resource/deploy/step.go), keeping a state file the way the snapshot manager does.
import { ProviderError, ProviderHost, type DiffResult } from "./host";
import { Printer, diffLines, diffSummary, type OperationKind, type StepOp } from "./display";
import { ProgramProcess } from "./program";
import type { RegisterAnswer, RegisterOutputsRequest, RegisterRequest } from "./protocol";
import {
  UNKNOWN,
  annotateSecrets,
  changedKeys,
  deepEqual,
  makeSecret,
  pathContains,
  processIgnoreChanges,
  unwrapSecrets,
  type Json,
  type PropertyMap,
} from "./props";
import { readStateFile, writeStateFile, type StateFile, type StateResource } from "./state";

export type { StepOp } from "./display";

export interface StepResult {
  urn: string;
  type: string;
  name: string;
  op: StepOp;
  id?: string;
  /** Top-level input keys that differ between the old state and the new (checked) inputs (outputs for refresh). */
  diffKeys: string[];
  /** Keys the provider's Diff reported as requiring replacement. */
  replaceKeys: string[];
  error?: string;
  /**
   * Set on the physical halves of replacements, which Pulumi does not count as logical steps:
   * `delete-replaced` (the old instance deleted) and `remove-pending-replace` (a resource deleted for a
   * delete-before-replace that the program no longer declares, dropped from state without a provider call).
   */
  physical?: "delete-replaced" | "remove-pending-replace";
}

export interface OperationResult {
  ok: boolean;
  error?: string;
  steps: StepResult[];
  /** Stack exports (secrets unwrapped; unknown values during a preview are the UNKNOWN sentinel string). */
  outputs: Record<string, unknown>;
  /** Logical steps per operation (physical halves of replacements are not counted; the stack resource is). */
  summary: Record<StepOp, number>;
  /** Program output, provider-host output and warnings, as printed under "Diagnostics". */
  diagnostics: string[];
  /** For `up` without `skipPreview`: the preview that ran first. */
  preview?: OperationResult;
}

export interface EngineContext {
  programDir: string;
  /** What the program runner requires: a file or a directory with a trailing slash. */
  entry: string;
  project: string;
  stack: string;
  stateFile: string;
  env: NodeJS.ProcessEnv;
  /** Namespaced config (`project:key` → value). */
  config: Record<string, string>;
  out: NodeJS.WritableStream;
}

const STACK_TYPE = "pulumi:pulumi:Stack";
const GRPC_UNAVAILABLE = 14;

/** A failed step: the operation stops and returns ok:false (the harness itself did nothing wrong). */
class StepFailure extends Error {}

function emptySummary(): Record<StepOp, number> {
  return { create: 0, update: 0, replace: 0, same: 0, delete: 0, refresh: 0, "read-gone": 0 };
}

function qualifiedType(urn: string): string {
  return urn.split("::")[2] ?? "";
}

export function makeUrn(stack: string, project: string, parent: string, type: string, name: string): string {
  // deployment.generateURN: the root stack is not part of its children's qualified types.
  let qualified = type;
  if (parent && qualifiedType(parent) !== STACK_TYPE) qualified = `${qualifiedType(parent)}$${type}`;
  return `urn:pulumi:${stack}::${project}::${qualified}::${name}`;
}

function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

interface Base {
  urn: string;
  type: string;
  name: string;
}

interface Replacing {
  old: StateResource;
  /** Create-before-delete: the old instance is marked pendingDelete and deleted at the end. */
  pendingDelete: boolean;
  replaceKeys: string[];
  diffKeys: string[];
}

export class Deployment {
  private readonly preview: boolean;
  private readonly printer: Printer;
  private readonly prev: StateFile;
  private readonly olds: StateResource[];
  private readonly oldsByUrn = new Map<string, StateResource>();
  private readonly news: StateResource[] = [];
  private readonly retired = new Set<StateResource>();
  private readonly registered = new Set<string>();
  /** URNs whose old instance this run deleted ahead of time (delete-before-replace chains): `sg.deletes`. */
  private readonly deletedUrns = new Set<string>();
  private readonly deletedThisRun = new Set<StateResource>();
  private readonly dependentReplaceKeys = new Map<string, string[]>();
  private stackOutputs: PropertyMap;
  private stackOutputsRegistered = false;
  private readonly steps: StepResult[] = [];
  private readonly errors: { title: string; message: string }[] = [];
  private readonly warnings: string[] = [];
  private failure: string | undefined;
  private hostPromise: Promise<ProviderHost> | undefined;

  constructor(
    private readonly ctx: EngineContext,
    private readonly kind: OperationKind,
  ) {
    this.preview = kind === "preview";
    this.printer = new Printer(ctx.out, kind, ctx.stack);
    this.prev = readStateFile(ctx.stateFile, ctx.project, ctx.stack);
    this.olds = this.prev.resources;
    for (const r of this.olds) if (!r.pendingDelete) this.oldsByUrn.set(r.urn, r);
    this.stackOutputs = this.prev.outputs;
  }

  // ---------------------------------------------------------------- plumbing

  private host(): Promise<ProviderHost> {
    if (!this.hostPromise) {
      this.hostPromise = ProviderHost.start({
        programDir: this.ctx.programDir,
        project: this.ctx.project,
        stack: this.ctx.stack,
        config: this.ctx.config,
        env: this.ctx.env,
      });
      this.hostPromise.catch(() => undefined);
    }
    return this.hostPromise;
  }

  private async stopHost(): Promise<string[]> {
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
  private save(): void {
    if (this.preview) return;
    writeStateFile(this.ctx.stateFile, this.snapshot());
  }

  private record(step: StepResult, opts: { diff?: string[]; info?: string } = {}): void {
    this.steps.push(step);
    if (step.physical === "remove-pending-replace") return;
    this.printer.step(step.op, step.type, step.name, {
      diff: opts.diff,
      info: opts.info,
      failed: step.error !== undefined,
      physical: step.physical,
    });
  }

  private fail(base: Base, op: StepOp, message: string, extra: Partial<StepResult> = {}): StepFailure {
    this.failure = this.failure ?? message;
    this.errors.push({ title: `${base.type} (${base.name})`, message });
    this.record({ ...base, op, diffKeys: [], replaceKeys: [], error: message, ...extra });
    return new StepFailure(message);
  }

  private entryFor(msg: RegisterRequest, base: Base): Omit<StateResource, "id" | "inputs" | "outputs"> {
    const e: Omit<StateResource, "id" | "inputs" | "outputs"> = {
      urn: base.urn,
      type: base.type,
      name: base.name,
      custom: msg.custom,
    };
    if (msg.parent) e.parent = msg.parent;
    if (msg.dependencies.length) e.dependencies = msg.dependencies;
    if (Object.keys(msg.propertyDependencies).length) e.propertyDependencies = msg.propertyDependencies;
    if (msg.protect) e.protect = true;
    if (msg.retainOnDelete) e.retainOnDelete = true;
    if (msg.additionalSecretOutputs.length) e.additionalSecretOutputs = msg.additionalSecretOutputs;
    return e;
  }

  private finishOutputs(outputs: PropertyMap, inputs: PropertyMap, additionalSecretOutputs: string[]): PropertyMap {
    const outs = annotateSecrets(outputs, inputs);
    for (const k of additionalSecretOutputs) if (k in outs) outs[k] = makeSecret(outs[k]);
    return outs;
  }

  private answer(urn: string, id: string, object: PropertyMap): RegisterAnswer {
    return { kind: "answer", seq: 0, urn, id, object };
  }

  // ---------------------------------------------------------------- preview / update

  async runProgram(): Promise<OperationResult> {
    this.printer.header();
    void this.host();
    let prog: ProgramProcess;
    try {
      prog = ProgramProcess.start({
        programDir: this.ctx.programDir,
        entry: this.ctx.entry,
        project: this.ctx.project,
        stack: this.ctx.stack,
        preview: this.preview,
        config: this.ctx.config,
        env: this.ctx.env,
      });
    } catch (e) {
      await this.stopHost();
      throw e;
    }
    let programError: string | undefined;
    let done = false;
    let hostOutput: string[] = [];
    try {
      for (;;) {
        const ev = await prog.next();
        if (ev.kind === "register") {
          try {
            const a = await this.register(ev);
            prog.answer({ ...a, seq: ev.seq });
          } catch (e) {
            if (!(e instanceof StepFailure)) throw e;
            // The engine stops the deployment: the program gets an error and is ended.
            prog.answer({ kind: "answer", seq: ev.seq, error: e.message, code: GRPC_UNAVAILABLE });
            break;
          }
        } else if (ev.kind === "outputs") {
          this.registerOutputs(ev);
          prog.answer({ kind: "answer", seq: ev.seq });
        } else if (ev.kind === "done") {
          done = true;
          break;
        } else if (ev.kind === "error") {
          programError = ev.message;
          break;
        } else {
          programError = `the program exited (${ev.code ?? ev.signal}) before it finished`;
          break;
        }
      }
      if (done) await prog.waitExit();
      else await prog.kill();
      if (done && !this.failure) await this.generateDeletes();
    } catch (e) {
      if (!(e instanceof StepFailure)) {
        await prog.kill();
        await this.stopHost();
        throw e;
      }
    } finally {
      await prog.kill();
      hostOutput = await this.stopHost();
    }
    if (programError !== undefined && !this.failure) {
      const stderr = prog.stderr.join("\n");
      this.save();
      this.printer.diagnostics([
        {
          title: `${STACK_TYPE} (${this.ctx.project}-${this.ctx.stack})`,
          lines: [...prog.stdout, ...hostOutput, `error: ${programError}`],
        },
      ]);
      throw new Error(`the Pulumi program failed: ${programError}${stderr ? `\n--- program stderr ---\n${stderr}` : ""}`);
    }
    return this.finish(prog.stdout, prog.stderr, hostOutput);
  }

  private finish(programStdout: string[], programStderr: string[], hostOutput: string[]): OperationResult {
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

  private async register(msg: RegisterRequest): Promise<RegisterAnswer> {
    const base: Base = { urn: "", type: msg.type, name: msg.name };
    if (msg.parent && !this.registered.has(msg.parent)) {
      base.urn = makeUrn(this.ctx.stack, this.ctx.project, "", msg.type, msg.name);
      throw this.fail(base, "create", `could not find parent resource ${msg.parent}`);
    }
    base.urn = makeUrn(this.ctx.stack, this.ctx.project, msg.parent, msg.type, msg.name);
    if (this.registered.has(base.urn)) {
      throw this.fail(base, "create", `Duplicate resource URN '${base.urn}'; try giving it a unique name`);
    }
    this.registered.add(base.urn);
    if (msg.aliasCount > 0) this.warnings.push(`${base.urn}: aliases are ignored by the harness`);
    if (msg.deletedWith) this.warnings.push(`${base.urn}: deletedWith is ignored by the harness`);
    if (!msg.custom) return this.registerComponent(msg, base);
    return this.registerCustom(msg, base);
  }

  private registerComponent(msg: RegisterRequest, base: Base): RegisterAnswer {
    const old = this.oldsByUrn.get(base.urn);
    let op: StepOp = "create";
    let outputs: PropertyMap = {};
    if (old) {
      // A resource without a provider: same if the inputs are deep-equal, else an update (step_generator.diff).
      op = deepEqual(old.inputs, msg.object) ? "same" : "update";
      outputs = old.outputs;
      this.retired.add(old);
    }
    const entry: StateResource = { ...this.entryFor(msg, base), inputs: msg.object, outputs };
    this.news.push(entry);
    this.save();
    const keys = old ? changedKeys(old.inputs, msg.object) : [];
    this.record(
      { ...base, op, diffKeys: keys, replaceKeys: [] },
      { diff: op === "same" ? [] : diffLines(old?.inputs ?? {}, msg.object) },
    );
    return this.answer(base.urn, "", outputs);
  }

  private registerOutputs(req: RegisterOutputsRequest): void {
    const entry = this.news.find((r) => r.urn === req.urn);
    if (!entry) return;
    entry.outputs = req.outputs;
    if (entry.type === STACK_TYPE && !entry.parent) {
      this.stackOutputs = req.outputs;
      this.stackOutputsRegistered = true;
    }
    this.save();
  }

  private async registerCustom(msg: RegisterRequest, base: Base): Promise<RegisterAnswer> {
    const old = this.oldsByUrn.get(base.urn);
    if (!msg.type.startsWith("pulumi-nodejs:dynamic")) {
      const pkg = msg.type.startsWith("pulumi:providers:") ? msg.type.slice("pulumi:providers:".length) : msg.type.split(":")[0];
      throw this.fail(
        base,
        old ? "update" : "create",
        `${base.urn}: the harness drives only Node.js dynamic resources (type pulumi-nodejs:dynamic…); ` +
          `'${msg.type}' would need the '${pkg}' resource plugin, which the harness does not run`,
      );
    }
    if (msg.importId) {
      throw this.fail(base, "create", `${base.urn}: the 'import' resource option is not supported by the harness`);
    }
    const host = await this.host();
    const recreating = this.deletedUrns.has(base.urn);
    let news = msg.object;
    if (old && !recreating) {
      const ic = processIgnoreChanges(msg.object, old.inputs, msg.ignoreChanges);
      if (ic.invalid.length) {
        throw this.fail(
          base,
          "update",
          `${base.urn}: cannot ignore changes to the following properties because one or more elements of the path are missing: ${ic.invalid.join(", ")}`,
        );
      }
      news = ic.inputs;
    }
    const checkOp: StepOp = old ? "update" : "create";
    const checked = await this.check(host, base, checkOp, old && !recreating ? old.inputs : {}, news);

    if (!old) return this.create(host, msg, base, checked);
    if (recreating) {
      // Deleted earlier in this run because a resource it depends on was replaced delete-before-replace.
      return this.create(host, msg, base, checked, {
        old,
        pendingDelete: false,
        replaceKeys: this.dependentReplaceKeys.get(base.urn) ?? [],
        diffKeys: changedKeys(old.inputs, checked),
      });
    }

    let diff: DiffResult;
    try {
      diff = await host.diff(base.urn, old.id ?? "", old.outputs, old.inputs, checked, this.preview, msg.ignoreChanges);
    } catch (e) {
      throw this.fail(base, "update", `${base.urn}: ${errorMessage(e)}`);
    }
    let changed: string[] = [];
    let changes = diff.changes;
    if (changes === "unknown") {
      // diffResource: an unknown diff falls back to comparing the old and new inputs (`__provider` included).
      const n = processIgnoreChanges(checked, old.inputs, msg.ignoreChanges).inputs;
      changed = changedKeys(old.inputs, n, []);
      changes = changed.length > 0 ? "some" : "none";
    }
    const hasInitErrors = (old.initErrors?.length ?? 0) > 0;
    const replaces = [...diff.replaces];
    if (changes === "some" || hasInitErrors) {
      // applyReplaceOnChanges
      for (const k of changed) if (msg.replaceOnChanges.some((p) => pathContains(p, k)) && !replaces.includes(k)) replaces.push(k);
      if (hasInitErrors && msg.replaceOnChanges.some((p) => pathContains(p, "#initerror"))) {
        replaces.push("#initerror");
        changes = "some";
      }
    }
    const diffKeys = changedKeys(old.inputs, checked);
    if (changes === "some" || old.pendingReplacement) {
      if (replaces.length > 0 || old.pendingReplacement) {
        return this.replace(host, msg, base, old, diff, replaces, diffKeys);
      }
      return this.update(host, msg, base, old, checked, diffKeys);
    }
    // An unchanged resource with initialization errors gets an (empty) update to continue initializing.
    if (hasInitErrors) return this.update(host, msg, base, old, checked, diffKeys);
    return this.same(msg, base, old, checked);
  }

  private async check(host: ProviderHost, base: Base, op: StepOp, olds: PropertyMap, news: PropertyMap): Promise<PropertyMap> {
    let r: Awaited<ReturnType<ProviderHost["check"]>>;
    try {
      r = await host.check(base.urn, olds, news, this.preview);
    } catch (e) {
      throw this.fail(base, op, `${base.urn}: ${errorMessage(e)}`);
    }
    if (r.failures.length > 0) {
      const lines = r.failures.map((f) => (f.property ? `${base.urn}: ${f.property}: ${f.reason}` : `${base.urn}: ${f.reason}`));
      throw this.fail(base, op, lines.join("\n"));
    }
    return annotateSecrets(r.inputs, news);
  }

  private same(msg: RegisterRequest, base: Base, old: StateResource, checked: PropertyMap): RegisterAnswer {
    const entry: StateResource = { ...this.entryFor(msg, base), id: old.id, inputs: checked, outputs: old.outputs };
    this.retired.add(old);
    this.news.push(entry);
    this.save();
    this.record({ ...base, op: "same", id: old.id, diffKeys: [], replaceKeys: [] });
    return this.answer(base.urn, old.id ?? "", old.outputs);
  }

  private async create(host: ProviderHost, msg: RegisterRequest, base: Base, inputs: PropertyMap, repl?: Replacing): Promise<RegisterAnswer> {
    const op: StepOp = repl ? "replace" : "create";
    const diff = diffLines(repl ? repl.old.inputs : {}, inputs);
    const info = repl ? diffSummary(repl.old.inputs, inputs, repl.diffKeys) : "";
    const keys = { diffKeys: repl ? repl.diffKeys : [], replaceKeys: repl ? repl.replaceKeys : [] };
    if (this.preview) {
      // The Node.js dynamic provider does not support previews: the engine answers with the checked inputs.
      this.record({ ...base, op, ...keys }, { diff, info });
      return this.answer(base.urn, "", inputs);
    }
    let id: string;
    let outputs: PropertyMap;
    let initError: ProviderError | undefined;
    try {
      const r = await host.create(base.urn, inputs);
      if (!r.id) throw new ProviderError("provider did not return an ID from Create", 2);
      id = r.id;
      outputs = r.properties;
    } catch (e) {
      if (e instanceof ProviderError && e.initFailure) {
        initError = e;
        id = e.initFailure.id;
        outputs = e.initFailure.properties;
      } else {
        throw this.fail(base, op, `${base.urn}: ${errorMessage(e)}`, keys);
      }
    }
    const entry: StateResource = {
      ...this.entryFor(msg, base),
      id,
      inputs,
      outputs: this.finishOutputs(outputs, inputs, msg.additionalSecretOutputs),
    };
    if (initError) entry.initErrors = initError.initFailure!.reasons;
    this.news.push(entry);
    if (repl) {
      if (repl.pendingDelete) repl.old.pendingDelete = true;
      else this.retired.add(repl.old);
    }
    this.save();
    if (initError) throw this.initFailure(base, op, initError, { id, ...keys });
    this.record({ ...base, op, id, ...keys }, { diff, info });
    return this.answer(base.urn, id, entry.outputs);
  }

  private initFailure(base: Base, op: StepOp, e: ProviderError, extra: Partial<StepResult>): StepFailure {
    const reasons = e.initFailure?.reasons ?? [];
    const msg = `${base.urn}: ${e.message}` + (reasons.length ? `\n${reasons.map((r) => `  * ${r}`).join("\n")}` : "");
    return this.fail(base, op, msg, extra);
  }

  private async update(host: ProviderHost, msg: RegisterRequest, base: Base, old: StateResource, inputs: PropertyMap, diffKeys: string[]): Promise<RegisterAnswer> {
    const diff = diffLines(old.inputs, inputs);
    const info = diffSummary(old.inputs, inputs, diffKeys);
    if (this.preview) {
      this.record({ ...base, op: "update", id: old.id, diffKeys, replaceKeys: [] }, { diff, info });
      return this.answer(base.urn, old.id ?? "", inputs);
    }
    let outputs: PropertyMap;
    let initError: ProviderError | undefined;
    try {
      outputs = (await host.update(base.urn, old.id ?? "", old.outputs, old.inputs, inputs, msg.ignoreChanges)).properties;
    } catch (e) {
      if (e instanceof ProviderError && e.initFailure) {
        initError = e;
        outputs = e.initFailure.properties;
      } else {
        throw this.fail(base, "update", `${base.urn}: ${errorMessage(e)}`, { id: old.id, diffKeys });
      }
    }
    const entry: StateResource = {
      ...this.entryFor(msg, base),
      id: old.id,
      inputs,
      outputs: this.finishOutputs(outputs, inputs, msg.additionalSecretOutputs),
    };
    if (initError) entry.initErrors = initError.initFailure!.reasons;
    this.retired.add(old);
    this.news.push(entry);
    this.save();
    if (initError) throw this.initFailure(base, "update", initError, { id: old.id, diffKeys });
    this.record({ ...base, op: "update", id: old.id, diffKeys, replaceKeys: [] }, { diff, info });
    return this.answer(base.urn, old.id ?? "", entry.outputs);
  }

  private async replace(
    host: ProviderHost,
    msg: RegisterRequest,
    base: Base,
    old: StateResource,
    diff: DiffResult,
    replaceKeys: string[],
    diffKeys: string[],
  ): Promise<RegisterAnswer> {
    if (msg.protect && old.protect) {
      throw this.fail(base, "replace", `unable to replace resource "${base.urn}"\nas it is currently marked for protection.`);
    }
    // A replacement recomputes defaults: Check again without the old inputs.
    const inputs = await this.check(host, base, "replace", {}, msg.object);
    const repl = (pendingDelete: boolean): Replacing => ({ old, pendingDelete, replaceKeys, diffKeys: changedKeys(old.inputs, inputs) });
    const deleteBeforeReplace = msg.deleteBeforeReplace ?? diff.deleteBeforeReplace;
    if (!deleteBeforeReplace) return this.create(host, msg, base, inputs, repl(true));

    // Delete-before-replace: first delete every dependent that the replacement would replace, in reverse
    // dependency order, then the resource itself, then create the replacement.
    const dependents = await this.dependentReplacements(host, old);
    for (let i = dependents.length - 1; i >= 0; i--) {
      const dep = dependents[i].res;
      if (this.deletedThisRun.has(dep)) continue;
      this.dependentReplaceKeys.set(dep.urn, dependents[i].keys);
      await this.deleteResource(host, dep, { replacing: !dep.pendingDelete, pendingReplacement: !dep.pendingDelete });
      this.deletedUrns.add(dep.urn);
      this.deletedThisRun.add(dep);
    }
    if (!old.pendingReplacement) await this.deleteResource(host, old, { replacing: true, pendingReplacement: true });
    this.deletedThisRun.add(old);
    return this.create(host, msg, base, inputs, repl(false));
  }

  /** step_generator.calculateDependentReplacements over the old state's dependency graph. */
  private async dependentReplacements(host: ProviderHost, root: StateResource): Promise<{ res: StateResource; keys: string[] }[]> {
    const start = this.olds.indexOf(root);
    const dependentSet = new Set([root.urn]);
    const dependents: StateResource[] = [];
    for (const c of this.olds.slice(start + 1)) {
      if (this.registered.has(c.urn)) continue;
      const deps = [...(c.dependencies ?? []), ...Object.values(c.propertyDependencies ?? {}).flat()];
      if (deps.some((d) => dependentSet.has(d))) {
        dependents.push(c);
        dependentSet.add(c.urn);
      }
    }
    const replaceSet = new Set([root.urn]);
    const out: { res: StateResource; keys: string[] }[] = [];
    for (const d of dependents) {
      if (!d.custom) continue;
      let depends = false;
      const inputsForDiff: PropertyMap = {};
      for (const [k, v] of Object.entries(d.inputs)) {
        let value = v;
        for (const dep of d.propertyDependencies?.[k] ?? []) {
          if (replaceSet.has(dep)) {
            depends = true;
            value = UNKNOWN;
          }
        }
        inputsForDiff[k] = value;
      }
      if (!depends) continue;
      let diff: DiffResult;
      try {
        diff = await host.diff(d.urn, d.id ?? "", d.outputs, d.inputs, inputsForDiff, true);
      } catch (e) {
        throw this.fail(d, "replace", `${d.urn}: ${errorMessage(e)}`);
      }
      if (diff.replaces.length > 0) {
        out.push({ res: d, keys: diff.replaces });
        replaceSet.add(d.urn);
      }
    }
    return out;
  }

  /**
   * A DeleteStep. `replacing`: part of a replacement (not a logical step, protect does not apply);
   * `pendingReplacement`: the entry stays in state marked as deleted-awaiting-its-replacement.
   */
  private async deleteResource(
    host: ProviderHost | undefined,
    res: StateResource,
    opts: { replacing: boolean; pendingReplacement: boolean; op?: StepOp },
  ): Promise<void> {
    const op = opts.op ?? "delete";
    const physical = opts.replacing ? ("delete-replaced" as const) : undefined;
    if (!opts.replacing && res.protect) {
      throw this.fail(
        res,
        op,
        `resource "${res.urn}" cannot be deleted\nbecause it is protected. To unprotect the resource, remove the \`protect\` flag from the resource in your Pulumi program and run \`pulumi up\``,
      );
    }
    if (!this.preview && res.custom && !res.retainOnDelete) {
      try {
        const h = host ?? (await this.host());
        await h.delete(res.urn, res.id ?? "", res.outputs, res.inputs);
      } catch (e) {
        throw this.fail(res, op, `${res.urn}: ${errorMessage(e)}`, { id: res.id, physical });
      }
    }
    if (!this.preview) {
      if (opts.pendingReplacement) res.pendingReplacement = true;
      else this.retired.add(res);
      this.save();
    }
    this.record({ urn: res.urn, type: res.type, name: res.name, op, id: res.id, diffKeys: [], replaceKeys: [], physical }, {
      diff: physical ? [] : diffLines(res.inputs, {}),
    });
  }

  /** GenerateDeletes + ScheduleDeletes: pending deletes and resources the program no longer declares, in reverse order. */
  private async generateDeletes(): Promise<void> {
    const condemned: { res: StateResource; kind: "delete" | "delete-replaced" | "remove-pending-replace" }[] = [];
    for (const res of this.olds) {
      if (this.retired.has(res)) continue;
      if (res.pendingDelete) condemned.push({ res, kind: "delete-replaced" });
      else if (!this.registered.has(res.urn)) {
        const pendingReplacement = res.pendingReplacement || (this.preview && this.deletedThisRun.has(res));
        condemned.push({ res, kind: pendingReplacement ? "remove-pending-replace" : "delete" });
      }
    }
    if (condemned.length === 0) return;
    for (const c of condemned.reverse()) {
      if (c.kind === "remove-pending-replace") {
        if (!this.preview) {
          this.retired.add(c.res);
          this.save();
        }
        this.record({ urn: c.res.urn, type: c.res.type, name: c.res.name, op: "delete", diffKeys: [], replaceKeys: [], physical: "remove-pending-replace" });
        continue;
      }
      await this.deleteResource(undefined, c.res, { replacing: c.kind === "delete-replaced", pendingReplacement: false });
    }
  }

  // ---------------------------------------------------------------- refresh

  async refresh(): Promise<OperationResult> {
    this.printer.header();
    let hostOutput: string[] = [];
    try {
      for (const res of this.olds) {
        const base: Base = { urn: res.urn, type: res.type, name: res.name };
        // Components and resources awaiting their delete-before-replace re-creation never change with a refresh.
        if (!res.custom || res.pendingReplacement) {
          this.record({ ...base, op: "same", id: res.id, diffKeys: [], replaceKeys: [] });
          continue;
        }
        const host = await this.host();
        let r: Awaited<ReturnType<ProviderHost["read"]>>;
        try {
          r = await host.read(res.urn, res.id ?? "", res.outputs, res.inputs);
        } catch (e) {
          throw this.fail(base, "refresh", `${res.urn}: ${errorMessage(e)}`, { id: res.id });
        }
        if (!r.id) {
          // The engine treats an empty id as "the object is gone": the resource leaves the state.
          this.retired.add(res);
          writeStateFile(this.ctx.stateFile, this.snapshot());
          this.record({ ...base, op: "read-gone", id: res.id, diffKeys: [], replaceKeys: [] }, { diff: diffLines(res.outputs, {}) });
          continue;
        }
        const outputs = annotateSecrets(r.properties, res.outputs);
        const inputs = r.inputs ? annotateSecrets(r.inputs, res.inputs) : res.inputs;
        const oldOutputs = res.outputs;
        const oldInputs = res.inputs;
        // RefreshStep: the result is framed as the diff an `up` of an unchanged program would show right after the
        // refresh (new outputs as olds, old inputs as news), inverted.
        let diff: DiffResult;
        try {
          diff = await host.diff(res.urn, r.id, outputs, inputs, oldInputs, false, []);
        } catch (e) {
          throw this.fail(base, "refresh", `${res.urn}: ${errorMessage(e)}`, { id: res.id });
        }
        let changes = diff.changes;
        if (changes === "unknown") changes = changedKeys(inputs, oldInputs, []).length > 0 ? "some" : "none";
        res.id = r.id;
        res.outputs = outputs;
        res.inputs = inputs;
        // RefreshStep builds the new state with no init errors (a successful Read means the object is healthy).
        delete res.initErrors;
        writeStateFile(this.ctx.stateFile, this.snapshot());
        const keys = changedKeys(oldOutputs, outputs);
        const op: StepOp = changes === "none" ? "same" : "refresh";
        this.record({ ...base, op, id: r.id, diffKeys: keys, replaceKeys: diff.replaces }, {
          diff: op === "same" ? [] : diffLines(oldOutputs, outputs),
        });
      }
    } catch (e) {
      if (!(e instanceof StepFailure)) {
        await this.stopHost();
        throw e;
      }
    } finally {
      hostOutput = await this.stopHost();
    }
    return this.finish([], [], hostOutput);
  }

  // ---------------------------------------------------------------- destroy

  async destroy(): Promise<OperationResult> {
    this.printer.header();
    let hostOutput: string[] = [];
    try {
      for (const res of [...this.olds].reverse()) {
        if (res.pendingReplacement) {
          this.retired.add(res);
          writeStateFile(this.ctx.stateFile, this.snapshot());
          this.record({ urn: res.urn, type: res.type, name: res.name, op: "delete", diffKeys: [], replaceKeys: [], physical: "remove-pending-replace" });
          continue;
        }
        await this.deleteResource(undefined, res, { replacing: !!res.pendingDelete, pendingReplacement: false });
      }
      this.stackOutputs = {};
      writeStateFile(this.ctx.stateFile, this.snapshot());
    } catch (e) {
      if (!(e instanceof StepFailure)) {
        await this.stopHost();
        throw e;
      }
    } finally {
      hostOutput = await this.stopHost();
    }
    return this.finish([], [], hostOutput);
  }
}

export async function runOperation(ctx: EngineContext, kind: OperationKind): Promise<OperationResult> {
  const d = new Deployment(ctx, kind);
  if (kind === "refresh") return d.refresh();
  if (kind === "destroy") return d.destroy();
  return d.runProgram();
}
