import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Writable } from "stream";
import { startEmulator, type Emulator, type EmulatorOptions, type TestAccount } from "../../emulator";
import { CliStack, type CliStackOptions } from "../../cli-runner/stack";
import type { OperationResult } from "../../cli-runner/types";
import { pulumiInstallation } from "./pulumi-cli";

/**
 * A generic lifecycle test world: one emulator on loopback with a fast clock (1000× real time unless told otherwise),
 * a temporary directory, and any number of stacks (programs on disk) operated through the real Pulumi CLI against it,
 * each with its own local backend and environment (account, region, extra variables), all writing the CLI's output
 * into one captured buffer.
 *
 *   const world = await startWorld();
 *   const stack = world.stack(EXAMPLE_DIR, { config: { alias: "x" } });
 *   world.assertOk(await stack.up());
 *   ...
 *   await world.dispose();
 */
export const REPO_ROOT = path.resolve(__dirname, "../..");
export const EXAMPLES_DIR = path.join(REPO_ROOT, "examples");
export const FIXTURES_DIR = path.join(REPO_ROOT, "tests/fixtures");

/** Variables every lifecycle test sets: fast polling (the emulator's clock runs fast) and no progress lines. */
export const FAST_PROVIDER_ENV: Readonly<Record<string, string>> = Object.freeze({
  PULUMI_AWS_CONNECTIONS_POLL_MS: "5,50",
  PULUMI_AWS_CONNECTIONS_QUIET: "1",
});

/**
 * How the language host runs the worlds' programs: compiled without its type check (`PULUMI_NODEJS_TRANSPILE_ONLY`,
 * Pulumi's own switch for projects that type-check in a build step, as this one does: `npm run typecheck` checks every
 * fixture and example with the repository's strict tsconfig before the suite). The check costs about a second of CPU
 * per operation, hundreds of times a suite. The language host's type check itself is proven where it is the point:
 * tests/engine/by-hand-*.test.ts (the README's steps, as users type them) and packed-install.test.ts (a mistyped
 * program refused), which turn it back on.
 */
export const PROGRAM_ENV: Readonly<Record<string, string>> = Object.freeze({ PULUMI_NODEJS_TRANSPILE_ONLY: "true" });

/** The emulator every lifecycle world starts: any free loopback port, the clock at 1000× real time. */
export const FAST_EMULATOR: Readonly<EmulatorOptions> = Object.freeze({ port: 0, timeScale: 1000 });

/** Environment for the provider (host or this process): one account's keys and the emulator's endpoints, fast polling, quiet. */
export function providerEnv(emulator: Emulator, account = "primary", region = "us-east-1"): Record<string, string> {
  return { ...emulator.envFor(account, region), ...FAST_PROVIDER_ENV };
}

/** Settings for an unmodified AWS SDK client acting as a test account (by name, or the account itself) against the emulator. */
export function sdkClientConfig(emulator: Emulator, account: string | TestAccount = "primary", region = "us-east-1") {
  const a = typeof account === "string" ? emulator.accounts.find((x) => x.name === account) : account;
  if (!a) throw new Error(`no emulator account ${account as string}`);
  return { endpoint: emulator.endpoint, region, credentials: { accessKeyId: a.accessKeyId, secretAccessKey: a.secretAccessKey } };
}

export interface WorldOptions {
  /** Options for the emulator (default: port 0, timeScale 1000). */
  emulator?: EmulatorOptions;
  /** Extra variables for every stack of this world. */
  env?: Record<string, string>;
}

export interface WorldStackOptions extends Partial<Omit<CliStackOptions, "programDir" | "out" | "cli" | "languageHost">> {
  /** Emulator account whose keys the stack's default chain uses (default "primary"). */
  account?: string;
  /** AWS_REGION of the stack (default "us-east-1"). */
  region?: string;
}

export interface World {
  readonly emulator: Emulator;
  /** The temporary directory of this world (state files, credential files...); removed by dispose. */
  readonly dir: string;
  /** Everything every stack printed, in order. */
  readonly output: string[];
  /** The base environment of the stacks: the primary account in us-east-1, fast polling, quiet, plus WorldOptions.env. */
  readonly env: Record<string, string>;
  /**
   * This world's create journal (`PULUMI_AWS_CONNECTIONS_JOURNAL_DIR` of every stack; provider/core/create-journal.ts):
   * the world is one machine. Without it every test would share the real `~/.pulumi-aws-connections/creates`, whose
   * records are keyed by the resource's identity (same project, stack and name in every run and worker), so a record
   * left by another test or an earlier run could license a takeover that a test means to prove.
   */
  readonly journalDir: string;
  /** A new stack for a program, with its own backend in `dir` (unless `workDir` is given). */
  stack(programDir: string, options?: WorldStackOptions): CliStack;
  /** The test account by name ("primary", "partner", "third"). */
  account(name: string): TestAccount;
  /** Requests per "Service.Operation" made since `before` (a `counts()` snapshot), zero entries left out. */
  countsSince(before: Record<string, number>): Promise<Record<string, number>>;
  /** Fails with the operation's error and the tail of the captured output when the operation did not succeed. */
  assertOk(result: OperationResult): void;
  /** The last `chars` characters of the captured output (for failure messages). */
  tail(chars?: number): string;
  dispose(): Promise<void>;
}

export async function startWorld(options: WorldOptions = {}): Promise<World> {
  const pulumi = await pulumiInstallation();
  const emulator = await startEmulator({ ...FAST_EMULATOR, ...(options.emulator ?? {}) });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pac-world-"));
  const output: string[] = [];
  const out = new Writable({
    write(chunk: Buffer, _encoding, done) {
      output.push(chunk.toString());
      done();
    },
  });
  const journalDir = path.join(dir, "create-journal");
  const env = { ...providerEnv(emulator), ...PROGRAM_ENV, PULUMI_AWS_CONNECTIONS_JOURNAL_DIR: journalDir, ...(options.env ?? {}) };
  let stacks = 0;
  const made: CliStack[] = [];
  const tail = (chars = 6000) => {
    const text = output.join("");
    return text.length > chars ? `…${text.slice(-chars)}` : text;
  };
  return {
    emulator,
    dir,
    output,
    env,
    journalDir,
    stack(programDir, o = {}) {
      const { account, region, env: extra, workDir, ...rest } = o;
      const n = ++stacks;
      const stack = new CliStack({
        cli: pulumi.cli,
        languageHost: pulumi.languageHost,
        programDir,
        stackName: "test",
        ...rest,
        workDir: workDir ?? path.join(dir, `stack-${n}`),
        env: { ...env, ...emulator.envFor(account ?? "primary", region ?? "us-east-1"), ...(options.env ?? {}), ...(extra ?? {}) },
        out,
      });
      made.push(stack);
      return stack;
    },
    account(name) {
      const found = emulator.accounts.find((a) => a.name === name);
      if (!found) throw new Error(`no emulator account ${name}`);
      return found;
    },
    async countsSince(before) {
      const now = await emulator.control.counts();
      const delta: Record<string, number> = {};
      for (const [key, value] of Object.entries(now)) if (value !== (before[key] ?? 0)) delta[key] = value - (before[key] ?? 0);
      return delta;
    },
    assertOk(result) {
      assert.ok(result.ok, `operation failed: ${result.error}\n--- output ---\n${tail()}`);
    },
    tail,
    async dispose() {
      await Promise.all(made.map((s) => s.dispose()));
      await emulator.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function resourceByName<T extends { name: string }>(items: readonly T[], name: string): T {
  const found = items.find((item) => item.name === name);
  if (!found) throw new Error(`no ${name} among ${items.map((i) => i.name).join(", ")}`);
  return found;
}

/** The item of a type (its full type, or the part after "pulumi-nodejs:dynamic/", e.g. "opensearch:OutboundConnection") and name. */
export function resourceOf<T extends { name: string; type: string }>(items: readonly T[], type: string, name: string): T {
  const found = items.find((item) => item.name === name && (item.type === type || item.type === `pulumi-nodejs:dynamic/${type}`));
  if (!found) throw new Error(`no ${type} ${name} among ${items.map((i) => `${i.type} ${i.name}`).join(", ")}`);
  return found;
}

/** A custom resource from state, which must have an id by now. */
export function withId<T extends { name: string; id?: string }>(resource: T): T & { id: string } {
  if (!resource.id) throw new Error(`${resource.name} has no id in state`);
  return resource as T & { id: string };
}

/** The logical step of a resource in an operation (not the physical delete half of a replacement). */
export function stepOf<T extends { name: string; physical?: string }>(steps: readonly T[], name: string): T {
  return resourceByName(
    steps.filter((s) => !s.physical),
    name,
  );
}

/** Resolves once the emulator has answered `operation` (e.g. "OpenSearch.AttachDataSource") at least once. */
export async function untilCalled(world: World, operation: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (((await world.emulator.control.counts())[operation] ?? 0) === 0) {
    assert.ok(Date.now() < deadline, `${operation} was never called`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * An operation that changed nothing: exactly one `same` step per resource of `resources` (the stack's state: neither the
 * Stack nor providers, which the steps leave out too) and no other step. Matching the resources, not only checking
 * every step, is what makes it fail when there were no steps at all (an event log that was lost, a program that
 * declared nothing).
 */
export function assertAllSame(steps: readonly { urn: string; op: string; physical?: string }[], resources: readonly { urn: string }[]): void {
  assert.ok(resources.length > 0, "no resources to compare the steps with");
  const seen = steps.map((s) => `${s.urn} ${s.physical ?? s.op}`).sort();
  assert.deepEqual(seen, resources.map((r) => `${r.urn} same`).sort());
}
