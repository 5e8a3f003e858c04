// Lifecycle harness: plays the Pulumi engine for a Pulumi TypeScript program whose resources are Node.js dynamic
// resources. The program runs with the real @pulumi/pulumi runtime in a child process; its registrations are
// checked/diffed/created/updated/deleted through the real @pulumi/pulumi dynamic-provider host over gRPC, with the
// engine's semantics; state is a JSON file.
//
//   const stack = new LocalStack({ programDir, stateFile, env: { AWS_REGION: "us-east-1" } });
//   const res = await stack.up();           // preview, then update (like `pulumi up --yes`)
//   await stack.destroy();
import * as fs from "fs";
import * as path from "path";
import { runOperation, type EngineContext, type OperationResult, type StepResult } from "./engine";
import { readStateFile, type StateFile } from "./state";

export type { OperationResult, StepResult, StepOp } from "./engine";
export type { StateFile, StateResource } from "./state";
export { UNKNOWN, SECRET_SIG, SIG_KEY, PROVIDER_KEY } from "./props";
export { diffLines, formatValue } from "./display";
export { makeUrn } from "./engine";

export interface StackOptions {
  /** Directory of the Pulumi program (with its Pulumi.yaml; the project name is its `name:`, else the folder name). */
  programDir: string;
  /** Default "dev". */
  stackName?: string;
  /** Where the state is kept between operations (JSON; written atomically after every step). */
  stateFile: string;
  /** For the provider host and the program; merged over process.env. */
  env?: NodeJS.ProcessEnv;
  /** Stack config; plain keys are prefixed with the project name automatically (`key` → `project:key`). */
  config?: Record<string, string>;
  /** Where the operation's text goes (default: process.stdout). */
  out?: NodeJS.WritableStream;
  /**
   * `up()` first runs a preview, as `pulumi up --yes` does, and stops if it fails. Set to skip it
   * (`pulumi up --skip-preview`).
   */
  skipPreview?: boolean;
}

interface ProjectInfo {
  name: string;
  main?: string;
}

/** Reads `name:` and `main:` from Pulumi.yaml (or Pulumi.yml); the folder name when there is none. */
export function readProject(programDir: string): ProjectInfo {
  for (const f of ["Pulumi.yaml", "Pulumi.yml"]) {
    const p = path.join(programDir, f);
    if (!fs.existsSync(p)) continue;
    const text = fs.readFileSync(p, "utf8");
    const get = (key: string): string | undefined => {
      const m = new RegExp(`^${key}:[ \\t]*(.+?)[ \\t]*$`, "m").exec(text);
      if (!m) return undefined;
      let v = m[1].replace(/[ \t]+#.*$/, "");
      if (/^(['"]).*\1$/.test(v)) v = v.slice(1, -1);
      return v || undefined;
    };
    return { name: get("name") ?? path.basename(path.resolve(programDir)), main: get("main") };
  }
  return { name: path.basename(path.resolve(programDir)) };
}

export class LocalStack {
  readonly programDir: string;
  readonly project: string;
  readonly stackName: string;
  readonly stateFile: string;
  private readonly entry: string;
  private readonly env: NodeJS.ProcessEnv;
  private readonly config: Record<string, string> = {};
  private readonly out: NodeJS.WritableStream;
  private readonly skipPreview: boolean;
  private busy = false;

  constructor(o: StackOptions) {
    this.programDir = path.resolve(o.programDir);
    const project = readProject(this.programDir);
    this.project = project.name;
    this.stackName = o.stackName ?? "dev";
    this.stateFile = path.resolve(o.stateFile);
    const main = project.main ? path.resolve(this.programDir, project.main) : this.programDir;
    this.entry = fs.existsSync(main) && fs.statSync(main).isDirectory() ? main.replace(/\/?$/, "/") : main;
    this.env = { ...process.env, ...(o.env ?? {}) };
    this.out = o.out ?? process.stdout;
    this.skipPreview = o.skipPreview ?? false;
    for (const [k, v] of Object.entries(o.config ?? {})) this.setConfig(k, v);
  }

  /** Sets a config value for later operations (`key` or `namespace:key`). */
  setConfig(key: string, value: string): void {
    this.config[key.includes(":") ? key : `${this.project}:${key}`] = value;
  }

  /** Removes a config value. */
  removeConfig(key: string): void {
    delete this.config[key.includes(":") ? key : `${this.project}:${key}`];
  }

  readState(): StateFile {
    return readStateFile(this.stateFile, this.project, this.stackName);
  }

  private context(): EngineContext {
    return {
      programDir: this.programDir,
      entry: this.entry,
      project: this.project,
      stack: this.stackName,
      stateFile: this.stateFile,
      env: this.env,
      config: { ...this.config },
      out: this.out,
    };
  }

  private async exclusive<T>(fn: () => Promise<T>): Promise<T> {
    if (this.busy) throw new Error("another operation is already running on this stack");
    this.busy = true;
    try {
      return await fn();
    } finally {
      this.busy = false;
    }
  }

  /** `pulumi preview --diff`: runs the program; Check and Diff only. */
  preview(): Promise<OperationResult> {
    return this.exclusive(() => runOperation(this.context(), "preview"));
  }

  /** `pulumi up --yes` (preview first, unless `skipPreview`). */
  up(): Promise<OperationResult> {
    return this.exclusive(async () => {
      if (!this.skipPreview) {
        const preview = await runOperation(this.context(), "preview");
        if (!preview.ok) return { ...preview, preview };
        const result = await runOperation(this.context(), "update");
        return { ...result, preview };
      }
      return runOperation(this.context(), "update");
    });
  }

  /** `pulumi refresh --yes --skip-preview`: Read every resource; gone ones leave the state. No program run. */
  refresh(): Promise<OperationResult> {
    return this.exclusive(() => runOperation(this.context(), "refresh"));
  }

  /** `pulumi destroy --yes --skip-preview`: Delete everything in reverse order. No program run. */
  destroy(): Promise<OperationResult> {
    return this.exclusive(() => runOperation(this.context(), "destroy"));
  }
}
