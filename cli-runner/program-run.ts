// Starts ./program-server for one operation and waits until it listens (it prints "LISTENING <port>").
import { spawn } from "child_process";
import * as path from "path";

export interface ProgramServer {
  port: number;
  /** What the program printed on stderr (its console output reaches the CLI through the engine). */
  stderr: string[];
  /** Whether it still runs. */
  alive(): boolean;
  stop(): void;
}

/** Program servers still running: stopped when this process exits, so none outlives a test run or the demo. */
const running = new Set<import("child_process").ChildProcess>();
process.on("exit", () => {
  for (const child of running) child.kill("SIGKILL");
});

export interface ProgramServerOptions {
  programDir: string;
  /** The file or directory to require (Pulumi.yaml's `main:`, else the program's directory). */
  entry: string;
  env: NodeJS.ProcessEnv;
}

export function startProgramServer(o: ProgramServerOptions): Promise<ProgramServer> {
  // Run from source under ts-node (tests) or compiled (dist/, `npm start`), whichever this file is.
  const fromSource = __filename.endsWith(".ts");
  const script = path.join(__dirname, fromSource ? "program-server.ts" : "program-server.js");
  const nodeArgs = fromSource ? ["-r", require.resolve("ts-node/register/transpile-only"), script] : [script];
  const child = spawn(process.execPath, nodeArgs, {
    cwd: o.programDir,
    env: { ...o.env, PULUMI_PROGRAM_ENTRY: o.entry },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const stderr: string[] = [];
  child.stderr.on("data", (c: Buffer) => stderr.push(c.toString()));
  running.add(child);
  child.on("exit", () => running.delete(child));
  return new Promise((resolve, reject) => {
    let buffered = "";
    const onExit = (code: number | null) => reject(new Error(`the program server exited (${String(code)}) before listening:\n${stderr.join("")}`));
    child.on("exit", onExit);
    child.on("error", reject);
    child.stdout.on("data", (c: Buffer) => {
      buffered += c.toString();
      const m = /LISTENING (\d+)/.exec(buffered);
      if (!m) return;
      child.off("exit", onExit);
      // Never what keeps this process alive: the stack's dispose() stops it, and so does this process's exit.
      child.unref();
      (child.stdout as unknown as { unref?: () => void }).unref?.();
      (child.stderr as unknown as { unref?: () => void }).unref?.();
      resolve({
        port: Number(m[1]),
        stderr,
        alive: () => child.exitCode === null && child.signalCode === null,
        stop: () => {
          if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
        },
      });
    });
  });
}
