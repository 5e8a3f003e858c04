import * as fs from "fs";
import { engineGone, suspectEngineGone } from "./engine-watch";
import { hostEngineAddress } from "./host-engine";

/**
 * The one way this package writes to stderr. Inside the dynamic-provider host, lines are written to file descriptor 2
 * directly, and writing stops for good once it fails or the engine is gone (./engine-watch).
 *
 * Why not `process.stderr.write` there: when the reader of the pipe is gone (the `pulumi` process killed alone), a
 * write to the stream fails with EPIPE, reported as an 'error' event on the shared process.stderr after the write's
 * callback. With no listener, that is an uncaught exception, which @pulumi/pulumi's host prints with console.error to
 * the same stream, which fails again: an endless loop (docs/upstream/dynamic-provider-epipe-loop.md). Node's stdio
 * streams never stay destroyed (lib/internal/bootstrap/switches/is_main_thread.js, `dummyDestroy`), so every write
 * fails afresh. A listener of ours on process.stderr would change how every other writer's errors are handled; a
 * synchronous write to the descriptor reports its failure to us alone, as a thrown error.
 *
 * Outside the host (a test, a program), lines go through process.stderr as usual.
 */
/** Lines waiting for room in the pipe (EAGAIN: the reader is alive but slow); beyond this many, new lines are dropped. */
const MAX_WAITING = 256;
const RETRY_MS = 20;

let stopped = false;
const waiting: Buffer[] = [];
let retry: NodeJS.Timeout | undefined;

/** Writes `line` and a newline. */
export function writeLine(line: string): void {
  if (!hostEngineAddress()) {
    process.stderr.write(`${line}\n`);
    return;
  }
  if (stopped || engineGone()) return;
  if (waiting.length >= MAX_WAITING) return;
  waiting.push(Buffer.from(`${line}\n`));
  flush();
}

function flush(): void {
  retry = undefined;
  while (waiting.length > 0 && !stopped) {
    if (engineGone()) return stop();
    const chunk = waiting[0];
    let written: number;
    try {
      written = fs.writeSync(2, chunk);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "EAGAIN") {
        // The pipe is full: the descriptor is non-blocking once Node has opened process.stderr on it.
        retry ??= setTimeout(flush, RETRY_MS).unref();
        return;
      }
      // EPIPE (nobody reads any more) or anything else: this stderr is of no use now, and the engine may be gone.
      stop();
      suspectEngineGone();
      return;
    }
    if (written < chunk.length) waiting[0] = chunk.subarray(written);
    else waiting.shift();
  }
}

function stop(): void {
  stopped = true;
  waiting.length = 0;
  if (retry) clearTimeout(retry);
  retry = undefined;
}
