// A stack of a Pulumi program on disk, operated through the real Pulumi CLI (`pulumi preview --diff`, `up`, `refresh`,
// `destroy`) with a local file:// backend of its own, the way a user runs it: the CLI in the program's folder, which
// starts Pulumi's Node.js language host (`pulumi-language-nodejs`), which runs the program (entry point from Pulumi.yaml's
// `main` or package.json, TypeScript compiled with type checks, a fresh Node.js process per operation). Each operation
// runs the CLI with `--event-log`, streams the CLI's own output to `out`, and reads the engine's events (./events) and
// the real checkpoint (./checkpoint) into an OperationResult.
//
// Where no language host exists at all (scripts/pulumi-cli.js found none), programs are served by ./program-server
// through `--client` instead, and the runner says so in one line; under CI (CI=true) that is an error.
//
//   const stack = new CliStack({ cli, programDir, workDir, env: { AWS_REGION: "us-east-1" }, config: { alias: "x" } });
//   const res = await stack.up();      // pulumi up --yes --diff (its preview first, as the CLI does)
//   const run = stack.start("up");     // the same, with the CLI's pid to kill mid-operation
//   await stack.destroy();
import { spawn, type ChildProcess } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { checkpointPath, readCheckpoint } from "./checkpoint";
import { cliEnvironment } from "./environment";
import { readEventLog, resultOf } from "./events";
import { startProgramServer, type ProgramServer } from "./program-run";
import type { OperationResult, StateFile } from "./types";
import { killTree } from "./process-tree";

export type OperationKind = "preview" | "up" | "refresh" | "destroy";

export interface CliStackOptions {
  /** The `pulumi` binary (scripts/pulumi-cli.js obtains it). */
  cli: string;
  /**
   * The `pulumi-language-nodejs` binary (scripts/pulumi-cli.js finds it: ./installation). Beside `cli` the CLI finds it
   * by itself; elsewhere its folder is put on PATH. Undefined: the fallback program server (./program-server).
   */
  languageHost: string | undefined;
  /** Directory of the Pulumi program (with its Pulumi.yaml). */
  programDir: string;
  /** A directory of this stack's own: backend, stack config file, PULUMI_HOME, event logs. */
  workDir: string;
  /** Default "test". */
  stackName?: string;
  /** For the CLI, the program and the provider host; laid over process.env. */
  env?: NodeJS.ProcessEnv;
  /** Stack config; plain keys are prefixed with the project name (`key` → `project:key`). */
  config?: Record<string, string>;
  /** Where the CLI's output goes (default: process.stdout). */
  out?: NodeJS.WritableStream;
  /** `up` without its preview (`pulumi up --skip-preview`). */
  skipPreview?: boolean;
  /** Extra flags for every operation (e.g. `--parallel 1`). */
  flags?: string[];
  /** Colour in the CLI's output: "never" (default) or "always". */
  color?: "never" | "always";
}

/** An operation under way: the CLI's process (to kill it mid-operation) and its result. */
export interface RunningOperation {
  readonly cli: ChildProcess;
  /** Kills the CLI and every process it started (the provider host included, whatever its group), as a dying machine would. */
  killAll(signal?: NodeJS.Signals): void;
  readonly result: Promise<OperationResult>;
}

/** `name:` from Pulumi.yaml (the CLI requires one), and `main:` if any. */
export function readProject(programDir: string): { name: string; main?: string } {
  const text = fs.readFileSync(path.join(programDir, "Pulumi.yaml"), "utf8");
  const get = (key: string): string | undefined => {
    const m = new RegExp(`^${key}:[ \\t]*(.+?)[ \\t]*$`, "m").exec(text);
    if (!m) return undefined;
    const v = m[1].replace(/[ \t]+#.*$/, "");
    return (/^(['"]).*\1$/.test(v) ? v.slice(1, -1) : v) || undefined;
  };
  const name = get("name");
  if (!name) throw new Error(`${programDir}/Pulumi.yaml has no name`);
  return { name, main: get("main") };
}

let fallbackAnnounced = false;

/**
 * Says once per process that programs are not run the way users run them. Refuses under CI, which must prove the real
 * language host runs every program.
 */
function announceFallback(out: NodeJS.WritableStream): void {
  if (process.env.CI === "true") {
    throw new Error(
      "CI=true and no Node.js language host (pulumi-language-nodejs) was found beside the CLI, on PATH, through " +
        "PULUMI_AWS_CONNECTIONS_LANGUAGE_HOST or in shared/tools: CI must run every program through the real language host",
    );
  }
  if (fallbackAnnounced) return;
  fallbackAnnounced = true;
  out.write(
    "cli-runner: no Node.js language host (pulumi-language-nodejs) found: programs are served by cli-runner's program server (`--client`, no type check), not as users run them\n",
  );
}

export class CliStack {
  readonly programDir: string;
  readonly project: string;
  readonly stackName: string;
  readonly workDir: string;
  private readonly entry: string;
  private readonly options: CliStackOptions;
  private readonly config: Record<string, string> = {};
  private readonly env: NodeJS.ProcessEnv;
  private initialized = false;
  private busy = false;
  private runs = 0;
  private server: Promise<ProgramServer> | undefined;
  /** How programs run: through the real language host, or the fallback program server. */
  readonly programRunner: "language-host" | "program-server";

  constructor(o: CliStackOptions) {
    this.options = o;
    this.programDir = path.resolve(o.programDir);
    const project = readProject(this.programDir);
    this.project = project.name;
    this.stackName = o.stackName ?? "test";
    this.workDir = path.resolve(o.workDir);
    this.entry = project.main ? path.resolve(this.programDir, project.main) : this.programDir;
    fs.mkdirSync(path.join(this.workDir, "backend"), { recursive: true });
    this.programRunner = o.languageHost ? "language-host" : "program-server";
    if (!o.languageHost) announceFallback(o.out ?? process.stdout);
    this.env = cliEnvironment({
      cli: o.cli,
      languageHost: o.languageHost,
      backendDir: path.join(this.workDir, "backend"),
      pulumiHome: path.join(this.workDir, "pulumi-home"),
      programDir: this.programDir,
      env: o.env,
    });
    for (const [k, v] of Object.entries(o.config ?? {})) this.setConfig(k, v);
  }

  /** The real checkpoint file of this stack. */
  get stateFile(): string {
    return checkpointPath(path.join(this.workDir, "backend"), this.project, this.stackName);
  }

  private get configFile(): string {
    return path.join(this.workDir, `Pulumi.${this.stackName}.yaml`);
  }

  /** Sets a config value for later operations (`key` or `namespace:key`). */
  setConfig(key: string, value: string): void {
    this.config[key.includes(":") ? key : `${this.project}:${key}`] = value;
  }

  removeConfig(key: string): void {
    delete this.config[key.includes(":") ? key : `${this.project}:${key}`];
  }

  readState(): StateFile {
    return readCheckpoint(this.stateFile);
  }

  preview(): Promise<OperationResult> {
    return this.exclusive(() => this.start("preview").result);
  }

  /** `pulumi up --yes --diff`: the CLI's own preview first (unless skipPreview), then the update. */
  up(): Promise<OperationResult> {
    return this.exclusive(() => this.start("up").result);
  }

  /**
   * `pulumi preview --diff`, then `pulumi up --yes --skip-preview` if it succeeded (as a reviewed change is applied),
   * with the preview's result in `preview`: the CLI logs no events for the preview inside `pulumi up`.
   */
  previewThenUp(flags: string[] = []): Promise<OperationResult> {
    return this.exclusive(async () => {
      const preview = await this.start("preview", flags).result;
      if (!preview.ok) return { ...preview, preview };
      const update = await this.start("up", [...flags, "--skip-preview"]).result;
      return { ...update, preview };
    });
  }

  /** `pulumi refresh --yes --skip-preview`. */
  refresh(): Promise<OperationResult> {
    return this.exclusive(() => this.start("refresh").result);
  }

  /** `pulumi destroy --yes --skip-preview`. */
  destroy(): Promise<OperationResult> {
    return this.exclusive(() => this.start("destroy").result);
  }

  /** `pulumi up --replace <urn>` (and any other extra flags) for one run. */
  upWith(flags: string[]): Promise<OperationResult> {
    return this.run("up", flags);
  }

  /** Any operation with extra flags, e.g. `run("refresh", ["--clear-pending-creates"])`. */
  run(kind: OperationKind, flags: string[] = []): Promise<OperationResult> {
    return this.exclusive(() => this.start(kind, flags).result);
  }

  /**
   * `pulumi cancel --yes`: what a user runs after a CLI died mid-operation. A local backend keeps the dead process's
   * lock file, and every later operation refuses to start ("the stack is currently locked") until it is removed.
   */
  cancel(): Promise<{ code: number | null; text: string }> {
    return this.exclusive(() => this.cli(["cancel", "--yes", "--stack", this.stackName, "--non-interactive"]));
  }

  /** The URN the engine gives a resource of this stack. */
  urnOf(type: string, name: string): string {
    return `urn:pulumi:${this.stackName}::${this.project}::${type}::${name}`;
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

  /**
   * Creates the stack in the backend on first use. `stack init` has no --config-file and writes the stack's secrets salt
   * beside Pulumi.yaml, so it runs on a copy of Pulumi.yaml in the work directory: the program's folder stays clean, and
   * the salt is carried into this stack's own config file.
   */
  private async ensureStack(): Promise<void> {
    if (this.initialized) return;
    if (!fs.existsSync(this.stateFile)) {
      const initDir = path.join(this.workDir, "init");
      fs.mkdirSync(initDir, { recursive: true });
      fs.copyFileSync(path.join(this.programDir, "Pulumi.yaml"), path.join(initDir, "Pulumi.yaml"));
      const r = await this.cli(["stack", "init", this.stackName, "--non-interactive"], initDir);
      if (r.code !== 0) throw new Error(`pulumi stack init failed (${String(r.code)}):\n${r.text}`);
      const written = path.join(initDir, `Pulumi.${this.stackName}.yaml`);
      if (fs.existsSync(written)) fs.copyFileSync(written, this.configFile);
    }
    this.initialized = true;
  }

  /** The stack config file: the salt `stack init` wrote, and the config (JSON strings are YAML scalars). */
  private writeConfig(): void {
    const existing = fs.existsSync(this.configFile) ? fs.readFileSync(this.configFile, "utf8") : "";
    const salt = /^encryptionsalt:.*$/m.exec(existing)?.[0];
    const lines = [salt ?? "", "config:"];
    for (const [k, v] of Object.entries(this.config)) lines.push(`  ${JSON.stringify(k)}: ${JSON.stringify(v)}`);
    if (Object.keys(this.config).length === 0) lines[lines.length - 1] = "config: {}";
    fs.writeFileSync(this.configFile, lines.filter(Boolean).join("\n") + "\n");
  }

  /**
   * The program's language runtime, started once and kept for every operation of this stack, as the Automation API
   * keeps an inline program's (each Run executes the program afresh: see program-server.ts). Starting one costs about
   * two seconds (Node, ts-node, the Pulumi runtime), which a fresh one per operation would add to every command.
   */
  private programServer(): Promise<ProgramServer> {
    const current = this.server;
    if (current) {
      return current.then((s) => {
        if (s.alive()) return s;
        this.server = undefined;
        return this.programServer();
      });
    }
    const started = startProgramServer({ programDir: this.programDir, entry: this.entry, env: this.env });
    this.server = started;
    started.catch(() => (this.server = undefined));
    return started;
  }

  /** Stops this stack's program server (the stack stays usable: the next operation starts another). */
  async dispose(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    (await server?.catch(() => undefined))?.stop();
  }

  /** Runs a CLI command to completion (set-up commands: no program, no event log). */
  private cli(args: string[], cwd = this.programDir): Promise<{ code: number | null; text: string }> {
    return new Promise((resolve, reject) => {
      const child = spawn(this.options.cli, args, { cwd, env: this.env, stdio: ["ignore", "pipe", "pipe"] });
      let text = "";
      child.stdout.on("data", (c: Buffer) => (text += c.toString()));
      child.stderr.on("data", (c: Buffer) => (text += c.toString()));
      child.on("error", reject);
      child.on("close", (code) => resolve({ code, text }));
    });
  }

  /** Starts an operation; `result` settles when the CLI has exited (or was killed) and its program server stopped. */
  start(kind: OperationKind, extraFlags: string[] = []): RunningOperation {
    let child: ChildProcess | undefined;
    let killed: NodeJS.Signals | undefined;
    let resolveStarted: (c: ChildProcess) => void = () => undefined;
    const started = new Promise<ChildProcess>((r) => (resolveStarted = r));
    const result = (async () => {
      await this.ensureStack();
      this.writeConfig();
      const n = ++this.runs;
      const eventLog = path.join(this.workDir, `events-${n}-${kind}.jsonl`);
      const server = this.programRunner === "program-server" ? await this.programServer() : undefined;
      const args = [
        kind,
        ...(kind === "preview" ? [] : ["--yes"]),
        "--stack",
        this.stackName,
        "--config-file",
        this.configFile,
        "--non-interactive",
        "--color",
        this.options.color ?? "never",
        "--event-log",
        eventLog,
        ...(server ? [`--client=127.0.0.1:${server.port}`] : []),
        ...(kind === "preview" || kind === "up" ? ["--diff"] : []),
        ...((kind === "up" && this.options.skipPreview && !extraFlags.includes("--skip-preview")) || kind === "refresh" || kind === "destroy"
          ? ["--skip-preview"]
          : []),
        ...(this.options.flags ?? []),
        ...extraFlags,
      ];
      const out = this.options.out ?? process.stdout;
      const text: string[] = [];
      // A process group of its own for its helper processes; plugins get their own groups, which killTree also reaches.
      const c = spawn(this.options.cli, args, { cwd: this.programDir, env: this.env, stdio: ["ignore", "pipe", "pipe"], detached: true });
      child = c;
      resolveStarted(c);
      const onData = (chunk: Buffer) => {
        text.push(chunk.toString());
        out.write(chunk);
      };
      c.stdout?.on("data", onData);
      c.stderr?.on("data", onData);
      const exitCode = await new Promise<number | null>((resolve, reject) => {
        c.on("error", reject);
        c.on("close", (code) => resolve(code));
      });
      const events = readEventLog(eventLog);
      // The event log of `pulumi up` holds its update only (its preview is not logged): previewThenUp runs both.
      const res = resultOf(events, kind, exitCode, text.join(""));
      if (killed) return { ...res, ok: false, error: `the CLI was killed (${killed})` };
      return kind === "destroy" ? { ...res, outputs: {} } : res;
    })();
    result.catch(() => undefined);
    return {
      get cli(): ChildProcess {
        if (!child) throw new Error("the CLI has not started yet: await the first step before killing it");
        return child;
      },
      killAll: (signal: NodeJS.Signals = "SIGKILL") => {
        killed = signal;
        void started.then((c) => {
          if (c.pid) killTree(c.pid, signal);
        });
      },
      result,
    };
  }
}
