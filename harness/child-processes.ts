// What the two kinds of child process the harness starts — the program runner and the dynamic-provider host — have
// in common: their output is collected line by line, and they are ended as the engine ends its plugins.
import type { ChildProcess } from "child_process";

/** Resolves once `child` exits: sends `signal` first, if given, and SIGKILL if it is still running after `timeoutMs`. */
export function waitForExit(child: ChildProcess, timeoutMs: number, signal?: NodeJS.Signals): Promise<void> {
  // The caller checks that the child is still running: an exit that has already happened is not seen here.
  return new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      resolve();
    }, timeoutMs);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    if (signal) child.kill(signal);
  });
}

/** The non-empty lines of a chunk of a child's output. */
export function splitLines(s: string): string[] {
  return s.split(/\r?\n/).filter((l) => l.length > 0);
}
