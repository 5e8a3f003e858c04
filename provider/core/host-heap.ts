import * as v8 from "v8";
import * as vm from "vm";
import { performance } from "perf_hooks";

/**
 * Keeps the V8 young generation of Pulumi's Node.js dynamic-provider host small (issue 9: the host's peak RSS with
 * 200 creates in flight).
 *
 * Why: V8 doubles its young generation each time the bytes that survived its scavenges since the last doubling exceed
 * its size, up to a limit that Node 24 sets four times higher than Node 22. Pulumi's host has already grown it (to 32
 * MiB of `new_space` in `v8.getHeapSpaceStatistics()`) while loading its own ~780 modules, before it loads this
 * package, and a fleet's traffic (every create and its polling in flight at once) doubles it again: bench/results has
 * the host's peak with and without. A provider cannot give its host Node flags: the CLI starts it with the plugin
 * script `pulumi-resource-pulumi-nodejs`, which runs plain `node .../@pulumi/pulumi/cmd/dynamic-provider`. So it is
 * done at run time, once, when the host loads this package:
 *
 * - `--semi-space-growth-factor=1`: V8 reads this flag each time it would grow the young generation, so it stops
 *   growing. Only at run time: given on the command line, V8 raises it to its minimum of 2 (measured: new space still
 *   reached 128 MiB on Node 24), and Node refuses it in NODE_OPTIONS. Node keeps V8's flags writable after start
 *   because `v8.setFlagsFromString` is its public API. tests/core/host-heap.test.ts checks the effect on the Node
 *   running the suite, so a release that stops honouring it fails there.
 * - One memory-reducing full collection (V8's `CollectAllAvailableGarbage`, reached through the `gc` function's
 *   `flavor: "last-resort"`) shrinks the young generation back to its initial 1 MiB and frees the start-up garbage.
 *   Its duration is in the trace. The `gc` function is the host's own when the user exposed it; otherwise it is taken
 *   from a fresh context with `--expose-gc` set only for that moment, so no context or worker gets a `gc` it would not
 *   have had.
 *
 * The price: a scavenge every 1–2 MiB allocated instead of every 16–64 MiB, and objects promoted sooner, i.e. more of
 * the host's CPU (bench/results has it side by side). Everything in the host, other dynamic providers included, gets
 * the same young generation.
 *
 * Not done when: the process is not Pulumi's dynamic-provider host (a test or a program that imports the provider
 * entry); the user already sized the young generation (`--max-semi-space-size`, the one such flag NODE_OPTIONS
 * accepts, or any semi-space flag in the process's own arguments); or `PULUMI_AWS_CONNECTIONS_HOST_HEAP=v8-default`.
 * If V8 refuses either step, the host goes on as it was ("failed" in the trace): this is tuning, never a reason to
 * fail an operation.
 */
export type HostHeapMode = "small-young-generation" | "v8-default";

export const HOST_HEAP_VARIABLE = "PULUMI_AWS_CONNECTIONS_HOST_HEAP";

/** What `keepHostYoungGenerationSmall` did, for the trace and for tests. */
export type HostHeapOutcome = "applied" | "failed" | "not-the-provider-host" | "opted-out" | "young-generation-set-by-user";

export interface HostHeapResult {
  outcome: HostHeapOutcome;
  /** How long the one full collection took, where it ran. */
  collectionMs?: number;
}

/** The process facts the decision reads and the two V8 actions it takes: swappable, so tests need not touch V8. */
export interface HostProcess {
  argv: readonly string[];
  execArgv: readonly string[];
  env: NodeJS.ProcessEnv;
  setV8Flags(flags: string): void;
  collectAllAvailableGarbage(): void;
}

/** The script the plugin `pulumi-resource-pulumi-nodejs` runs: `require.resolve('@pulumi/pulumi/cmd/dynamic-provider')`. */
const PROVIDER_HOST_SCRIPT = /[\\/]@pulumi[\\/]pulumi[\\/]cmd[\\/]dynamic-provider(?:[\\/]index\.js)?$/;

/** Node and V8 accept both spellings of a flag's name (`--max-semi-space-size`, `--max_semi_space_size`). */
const YOUNG_GENERATION_FLAG = /--(?:max[-_]semi[-_]space[-_]size|min[-_]semi[-_]space[-_]size|semi[-_]space[-_]growth[-_]factor)\b/;

export function hostHeapModeFromEnvironment(env: NodeJS.ProcessEnv): HostHeapMode {
  const raw = env[HOST_HEAP_VARIABLE]?.trim();
  if (raw === undefined || raw === "" || raw === "small-young-generation") return "small-young-generation";
  if (raw === "v8-default") return "v8-default";
  throw new Error(`${HOST_HEAP_VARIABLE}: must be "small-young-generation" (the default) or "v8-default"`);
}

/** Throws only for an unknown PULUMI_AWS_CONNECTIONS_HOST_HEAP (bad input, before any AWS call); never for V8's sake. */
export function keepHostYoungGenerationSmall(host: HostProcess = nodeProcess()): HostHeapResult {
  if (!PROVIDER_HOST_SCRIPT.test(host.argv[1] ?? "")) return { outcome: "not-the-provider-host" };
  if (hostHeapModeFromEnvironment(host.env) === "v8-default") return { outcome: "opted-out" };
  if ([...host.execArgv, host.env.NODE_OPTIONS ?? ""].some((arg) => YOUNG_GENERATION_FLAG.test(arg))) return { outcome: "young-generation-set-by-user" };
  try {
    host.setV8Flags("--semi-space-growth-factor=1");
    const started = performance.now();
    host.collectAllAvailableGarbage();
    return { outcome: "applied", collectionMs: Math.round(performance.now() - started) };
  } catch {
    return { outcome: "failed" };
  }
}

/** This process, as `keepHostYoungGenerationSmall` reads and changes it. */
export function nodeProcess(): HostProcess {
  return {
    argv: process.argv,
    execArgv: process.execArgv,
    env: process.env,
    setV8Flags: (flags) => v8.setFlagsFromString(flags),
    collectAllAvailableGarbage,
  };
}

type GcFunction = (options: { type: "major"; execution: "sync"; flavor: "last-resort" }) => void;

function collectAllAvailableGarbage(): void {
  // The user's own --expose-gc: use that function and leave the flag as it is (new contexts keep getting `gc`).
  const exposed = (globalThis as { gc?: unknown }).gc;
  let gc: GcFunction;
  if (typeof exposed === "function") {
    gc = exposed as GcFunction;
  } else {
    v8.setFlagsFromString("--expose-gc");
    try {
      gc = vm.runInNewContext("gc") as GcFunction;
    } finally {
      v8.setFlagsFromString("--no-expose-gc");
    }
  }
  gc({ type: "major", execution: "sync", flavor: "last-resort" });
}
