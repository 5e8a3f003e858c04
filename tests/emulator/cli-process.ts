import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "..", "..");

/** The emulator CLI (`emulator/cli.ts`) as a child process, through ts-node like `npm run emulator` runs the built one. */
export function runCli(args: string[]): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, ["-r", "ts-node/register/transpile-only", path.join(ROOT, "emulator", "cli.ts"), ...args], {
    cwd: ROOT,
    env: { ...process.env, TS_NODE_TRANSPILE_ONLY: "true" },
  });
}

/** Collects stdout until `done` says enough has come (the banner is complete); rejects if the CLI exits first. */
export function readUntil(child: ChildProcessWithoutNullStreams, done: (text: string) => boolean): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = "";
    let err = "";
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString("utf8");
      if (done(out)) resolve(out);
    });
    child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString("utf8")));
    child.on("exit", (code) => reject(new Error(`cli exited with ${code} before printing the banner:\n${out}\n${err}`)));
  });
}

/** The banner ends with the primary account's export block; once it is printed, the CLI serves. */
export const BANNER_DONE = (text: string): boolean => /^# primary account.*\n(export .*\n)*export AWS_ENDPOINT_URL_ELASTICSEARCH_SERVICE=.*\n/m.test(text);

export interface RunningCli {
  child: ChildProcessWithoutNullStreams;
  banner: string;
  endpoint: string;
  /** Everything the CLI has written to stderr so far. */
  stderr(): string;
}

/** Starts the CLI and waits for its banner; returns the child, the banner and the endpoint it prints. */
export async function startCli(args: string[]): Promise<RunningCli> {
  const child = runCli(args);
  let err = "";
  child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString("utf8")));
  try {
    const banner = await readUntil(child, BANNER_DONE);
    const endpoint = /AWS emulator listening on (http:\/\/\S+)/.exec(banner)?.[1];
    if (!endpoint) throw new Error(`no endpoint in the banner:\n${banner}`);
    return { child, banner, endpoint, stderr: () => err };
  } catch (err) {
    if (child.exitCode === null) child.kill("SIGKILL");
    throw err;
  }
}

export function exitCode(child: ChildProcessWithoutNullStreams): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode);
    else child.on("exit", (code) => resolve(code));
  });
}
