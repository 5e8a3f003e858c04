import * as v8 from "v8";
import * as vm from "vm";

/**
 * Keeps the V8 young generation of Pulumi's Node.js dynamic-provider host small (issue 9: the host's peak RSS with
 * 200 creates in flight).
 *
 * Why: V8 doubles its young generation each time the bytes that survived its scavenges since the last doubling exceed
 * its size, up to a limit that Node 24 sets four times higher than Node 22. Pulumi's host has grown it to 32 MiB
 * (`new_space` in `v8.getHeapSpaceStatistics()`) by the time it loads this package, having loaded ~780 modules of its
 * own, and a fleet's traffic (every create and its polling in flight at once) doubles it again: 64 MiB of a 210 MiB
 * host at N = 200 on Node 24 (outbound connections, 2026-12-02). A provider cannot give its host Node flags: the CLI
 * starts it with the plugin script `pulumi-resource-pulumi-nodejs`, which runs plain `node
 * .../@pulumi/pulumi/cmd/dynamic-provider`. So it is done at run time, once, when the host loads this package:
 *
 * - `--semi-space-growth-factor=1`: V8 reads this flag each time it would grow the semi-spaces
 *   (`SemiSpaceNewSpace::Grow` in src/heap/new-spaces.cc), so they stop growing. Node keeps V8's flags writable after
 *   start (it passes `--no-freeze-flags-after-init`) because `v8.setFlagsFromString` is its public API.
 * - One memory-reducing full collection (V8's `CollectAllAvailableGarbage`, reached through the `gc` function's
 *   `flavor: "last-resort"`) shrinks the semi-spaces back to their initial 1 MiB and frees the start-up garbage.
 *   About 50–70 ms, once per host. The `gc` function is taken from a fresh context with `--expose-gc` set only for that
 *   moment, so no context of the host, nor any created later, gets a `gc` global.
 *
 * The price: a scavenge every 1–2 MiB allocated instead of every 16–64 MiB, and objects promoted sooner. For this
 * package's load (polling, a few KB per AWS call) the benchmark's wall time did not change; it reports the host's CPU
 * time with and without, side by side. Everything else in the host, other dynamic providers included, gets the same
 * young generation.
 *
 * Not done when: the process is not Pulumi's dynamic-provider host (a test or a program that imports the provider
 * entry); the user already chose the young generation's size (a semi-space flag in `NODE_OPTIONS` or the process's own
 * arguments); or `PULUMI_AWS_CONNECTIONS_HOST_HEAP=v8-default`.
 */
export type HostHeapMode = "small-young-generation" | "v8-default";

export const HOST_HEAP_VARIABLE = "PULUMI_AWS_CONNECTIONS_HOST_HEAP";

/** What `keepHostYoungGenerationSmall` did, for the trace and for tests. */
export type HostHeapOutcome = "applied" | "not-the-provider-host" | "opted-out" | "young-generation-set-by-user";

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

export function keepHostYoungGenerationSmall(host: HostProcess = nodeProcess()): HostHeapOutcome {
  if (!PROVIDER_HOST_SCRIPT.test(host.argv[1] ?? "")) return "not-the-provider-host";
  if (hostHeapModeFromEnvironment(host.env) === "v8-default") return "opted-out";
  if ([...host.execArgv, host.env.NODE_OPTIONS ?? ""].some((arg) => YOUNG_GENERATION_FLAG.test(arg))) return "young-generation-set-by-user";
  host.setV8Flags("--semi-space-growth-factor=1");
  host.collectAllAvailableGarbage();
  return "applied";
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
  v8.setFlagsFromString("--expose-gc");
  let gc: GcFunction;
  try {
    gc = vm.runInNewContext("gc") as GcFunction;
  } finally {
    v8.setFlagsFromString("--no-expose-gc");
  }
  gc({ type: "major", execution: "sync", flavor: "last-resort" });
}
