// Parent side of a program run: forks harness/program-runner in the program's directory and turns its IPC messages
// into a queue the engine consumes in order.
import { fork, type ChildProcess } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { splitLines, waitForExit } from "./child-processes";
import type { ChildMessage, RegisterAnswer, RunArgs } from "./protocol";

export interface ProgramOptions {
  programDir: string;
  /** Absolute path to require (file, or directory with trailing slash). */
  entry: string;
  project: string;
  stack: string;
  preview: boolean;
  /** Namespaced config (`project:key` → value). */
  config: Record<string, string>;
  env: NodeJS.ProcessEnv;
}

export type ProgramEvent = ChildMessage | { kind: "exit"; code: number | null; signal: NodeJS.Signals | null };

/** The ts-node registration hook for TypeScript programs (and for the runner itself when it is a .ts file). */
function tsNodeRegister(): string | undefined {
  try {
    return require.resolve("ts-node/register/transpile-only");
  } catch {
    return undefined;
  }
}

function runnerPath(): string {
  const ext = path.extname(__filename);
  const candidate = path.join(__dirname, `program-runner${ext}`);
  if (fs.existsSync(candidate)) return candidate;
  return path.join(__dirname, ext === ".ts" ? "program-runner.js" : "program-runner.ts");
}

export class ProgramProcess {
  private readonly queue: ProgramEvent[] = [];
  private waiter: ((e: ProgramEvent) => void) | undefined;
  readonly stdout: string[] = [];
  readonly stderr: string[] = [];
  private exited = false;

  private constructor(private readonly child: ChildProcess) {
    child.on("message", (m: ChildMessage) => this.push(m));
    // Report the exit only once the IPC channel is closed too, so that no message sent before exiting is lost.
    let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
    let disconnected = false;
    const maybeReport = () => {
      if (exit && disconnected) this.push({ kind: "exit", ...exit });
    };
    child.on("exit", (code, signal) => {
      this.exited = true;
      exit = { code, signal };
      maybeReport();
    });
    child.on("disconnect", () => {
      disconnected = true;
      maybeReport();
    });
    child.on("error", (err) => this.push({ kind: "error", message: `program runner: ${err.message}` }));
    child.stdout?.setEncoding("utf8");
    child.stderr?.setEncoding("utf8");
    child.stdout?.on("data", (s: string) => this.stdout.push(...splitLines(s)));
    child.stderr?.on("data", (s: string) => this.stderr.push(...splitLines(s)));
  }

  static start(o: ProgramOptions): ProgramProcess {
    const runner = runnerPath();
    const hook = tsNodeRegister();
    const execArgv: string[] = [];
    const needsTs = runner.endsWith(".ts") || /\.tsx?$/.test(o.entry) || hasTypeScriptIndex(o.entry);
    if (needsTs) {
      if (!hook) throw new Error("ts-node is needed to run a TypeScript program but cannot be resolved");
      execArgv.push("-r", hook);
    }
    const tsconfig = path.join(o.programDir, "tsconfig.json");
    const runArgs: RunArgs = {
      project: o.project,
      stack: o.stack,
      organization: "organization",
      preview: o.preview,
      entry: o.entry,
    };
    const env: NodeJS.ProcessEnv = { ...o.env };
    for (const k of Object.keys(env)) {
      if (k.startsWith("PULUMI_NODEJS_") || k.startsWith("TS_NODE_")) delete env[k];
    }
    Object.assign(env, {
      // What the language host sets for the program (config is namespaced; none of it is secret here).
      PULUMI_CONFIG: JSON.stringify(o.config),
      PULUMI_CONFIG_SECRET_KEYS: "[]",
      PULUMI_NODEJS_PROJECT: o.project,
      PULUMI_NODEJS_STACK: o.stack,
      PULUMI_NODEJS_ORGANIZATION: "organization",
      PULUMI_NODEJS_ROOT_DIRECTORY: o.programDir,
      PULUMI_NODEJS_DRY_RUN: o.preview ? "true" : "false",
      PULUMI_NODEJS_TYPESCRIPT: "true",
      PULUMI_HARNESS_RUN: JSON.stringify(runArgs),
      // run.js uses the program's tsconfig.json when there is one, else built-in options; it emits CommonJS for
      // a CommonJS package (module "nodenext" in a package without "type": "module").
      ...(fs.existsSync(tsconfig)
        ? { TS_NODE_PROJECT: tsconfig, TS_NODE_COMPILER_OPTIONS: JSON.stringify({ module: "commonjs" }) }
        : {
            TS_NODE_SKIP_PROJECT: "true",
            TS_NODE_COMPILER_OPTIONS: JSON.stringify({
              target: "ES2020",
              module: "commonjs",
              moduleResolution: "node",
              sourceMap: true,
              esModuleInterop: true,
            }),
          }),
    });
    const child = fork(runner, [], {
      cwd: o.programDir,
      env,
      execArgv,
      stdio: ["ignore", "pipe", "pipe", "ipc"],
      serialization: "advanced",
    });
    return new ProgramProcess(child);
  }

  private push(e: ProgramEvent): void {
    if (this.waiter) {
      const w = this.waiter;
      this.waiter = undefined;
      w(e);
    } else this.queue.push(e);
  }

  next(): Promise<ProgramEvent> {
    const e = this.queue.shift();
    if (e) return Promise.resolve(e);
    return new Promise((resolve) => (this.waiter = resolve));
  }

  answer(a: RegisterAnswer): void {
    if (this.exited || !this.child.connected) return;
    this.child.send(a);
  }

  /** Ends the program (as the engine ends the language host when a deployment stops). */
  async kill(): Promise<void> {
    if (this.exited) return;
    await waitForExit(this.child, 5000, "SIGTERM");
  }

  /** Waits for the process to exit by itself (after it said it is done). */
  async waitExit(timeoutMs = 10_000): Promise<void> {
    if (this.exited) return;
    await waitForExit(this.child, timeoutMs);
  }
}

function hasTypeScriptIndex(entry: string): boolean {
  if (!entry.endsWith("/")) return false;
  return fs.existsSync(path.join(entry, "index.ts")) && !fs.existsSync(path.join(entry, "index.js"));
}
