import * as net from "net";
import { hostEngineAddress } from "./host-engine";

/**
 * Notices when the engine that started this dynamic-provider host is gone, and then stops this package's work in the
 * host: no more polling, no more lines, no operation that settles.
 *
 * Why: the Pulumi CLI starts each plugin in a process group of its own, so when the `pulumi` process alone is killed
 * (an OOM kill, a CI runner's timeout) the host lives on, its stderr a pipe nobody reads and nobody to answer. A line
 * written there fails with EPIPE; an operation that fails is reported by @pulumi/pulumi's host with console.error to
 * that pipe, and the host reports that failure the same way, forever, at a full core
 * (docs/upstream/dynamic-provider-epipe-loop.md). So once the engine is gone, this package's operations never settle
 * (a result would reach nobody), and its timers never fire. The host itself is left as it is, idle: it belongs to
 * @pulumi/pulumi, and other dynamic providers may run in it.
 *
 * How: while an operation of this package runs in the host, a TCP connection to the engine's address every
 * CHECK_INTERVAL_MS (and at once after a failed call to the engine, a failed write, or a failed operation). Refused
 * twice in a row means nobody listens there any more: the engine's gRPC server lives as long as the engine. Pulumi's
 * Go provider SDK checks the same way, with a gRPC health check every 5 minutes (sdk/go/pulumi/provider/main.go,
 * rpcutil.Healthcheck); a connection that closes at once is not logged by the engine's gRPC server (grpc-go skips
 * io.EOF "to prevent log spam").
 */
const CHECK_INTERVAL_MS = 10_000;
/** A refused connection is checked once more after this long before the engine counts as gone. */
const CONFIRM_AFTER_MS = 1_000;
/** A check that neither connects nor is refused in this long says nothing (the engine counts as alive). */
const CHECK_TIMEOUT_MS = 5_000;

let gone = false;
let running = 0;
let interval: NodeJS.Timeout | undefined;
let checking: Promise<boolean> | undefined;

/** True once the engine of this host is known to be gone; never true outside the dynamic-provider host. */
export function engineGone(): boolean {
  return gone;
}

type Reachability = "listening" | "refused" | "unknown";

function reach(address: string): Promise<Reachability> {
  const colon = address.lastIndexOf(":");
  const host = address.slice(0, colon).replace(/^\[(.*)\]$/, "$1");
  const port = Number(address.slice(colon + 1));
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (answer: Reachability) => {
      socket.destroy();
      resolve(answer);
    };
    socket.setTimeout(CHECK_TIMEOUT_MS, () => done("unknown"));
    socket.once("connect", () => done("listening"));
    socket.once("error", (error: NodeJS.ErrnoException) => done(error.code === "ECONNREFUSED" ? "refused" : "unknown"));
  });
}

/** Checks now (one check at a time); resolves with whether the engine is gone. */
export function checkEngine(): Promise<boolean> {
  const address = hostEngineAddress();
  if (gone || !address) return Promise.resolve(gone);
  checking ??= (async () => {
    try {
      if ((await reach(address)) !== "refused") return false;
      await new Promise((resolve) => setTimeout(resolve, CONFIRM_AFTER_MS).unref());
      if ((await reach(address)) !== "refused") return false;
      gone = true;
      if (interval) clearInterval(interval);
      interval = undefined;
      return true;
    } finally {
      checking = undefined;
    }
  })();
  return checking;
}

/** After a failed call to the engine or a failed write: checks now, in the background. */
export function suspectEngineGone(): void {
  void checkEngine();
}

/** A promise that never settles: what an operation returns once nobody is left to take its result. */
function never<T>(): Promise<T> {
  return new Promise<T>(() => undefined);
}

/**
 * Runs one operation of this package (a dynamic-provider method). Inside the host, while any runs, the engine is
 * checked; once it is gone, the operation's promise never settles, whether the operation ended or not. A failure is
 * passed on only after a check found the engine there: @pulumi/pulumi's host prints every failure to stderr.
 */
export async function whileEngineLives<T>(operation: () => Promise<T>): Promise<T> {
  if (!hostEngineAddress()) return operation();
  if (gone) return never();
  running++;
  interval ??= setInterval(suspectEngineGone, CHECK_INTERVAL_MS).unref();
  try {
    const result = await operation();
    return gone ? never() : result;
  } catch (error) {
    if (gone || (await checkEngine())) return never();
    throw error;
  } finally {
    if (--running === 0 && interval) {
      clearInterval(interval);
      interval = undefined;
    }
  }
}

/** setTimeout for this package's pollers: `run` is not called once the engine is gone. Returns a cancel function. */
export function afterUnlessEngineGone(ms: number, run: () => void): () => void {
  const timer = setTimeout(() => {
    if (!gone) run();
  }, ms);
  return () => clearTimeout(timer);
}

/** A pause between two polls that never ends once the engine is gone: the poll loop waiting on it stops there. */
export function sleepUnlessEngineGone(ms: number): Promise<void> {
  return new Promise((resolve) => afterUnlessEngineGone(ms, resolve));
}
