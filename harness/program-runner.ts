// Child process: runs a Pulumi program with the real @pulumi/pulumi runtime, like `pulumi-language-nodejs` does
// (`cmd/run/run.js`: require the program inside `runInPulumiStack`, whose result becomes the stack's outputs), but
// with the runtime's mock resource monitor (`pulumi.runtime.setMocks`) whose RegisterResource and
// RegisterResourceOutputs are forwarded over IPC to the harness engine in the parent process, which answers with
// what the Pulumi engine would answer. The requests are forwarded in wire form (unknowns are the sentinel string,
// secrets are wrapped), exactly as the SDK serialized them.
//
// Started by harness/program.ts with cwd = program directory; arguments in PULUMI_HARNESS_RUN.
import * as path from "path";
import type { ChildMessage, ParentMessage, RegisterAnswer, RegisterRequest, RunArgs } from "./protocol";
import type { PropertyMap } from "./props";

/* eslint-disable @typescript-eslint/no-require-imports, @typescript-eslint/no-explicit-any */

const programDir = process.cwd();
const args = JSON.parse(process.env.PULUMI_HARNESS_RUN ?? "null") as RunArgs | null;
delete process.env.PULUMI_HARNESS_RUN;

function send(msg: ChildMessage): Promise<void> {
  return new Promise((resolve, reject) => {
    if (!process.send) return reject(new Error("program runner started without an IPC channel"));
    process.send(msg, (err: Error | null) => (err ? reject(err) : resolve()));
  });
}

let reported = false;
function fail(err: unknown): void {
  if (reported) return;
  reported = true;
  const message = err instanceof Error ? err.stack || err.message : String(err);
  send({ kind: "error", message })
    .catch(() => undefined)
    .finally(() => process.exit(1));
}

function resolveFromProgram(id: string): string {
  try {
    return require.resolve(id, { paths: [programDir] });
  } catch {
    return require.resolve(id);
  }
}

async function main(): Promise<void> {
  if (!args) throw new Error("PULUMI_HARNESS_RUN is not set");

  // Use the @pulumi/pulumi the program itself will load, so that both share one runtime store.
  const pulumiDir = path.dirname(resolveFromProgram("@pulumi/pulumi/package.json"));
  const settings = require(path.join(pulumiDir, "runtime", "settings"));
  const mocks = require(path.join(pulumiDir, "runtime", "mocks"));
  const stackMod = require(path.join(pulumiDir, "runtime", "stack"));
  const resproto = require(path.join(pulumiDir, "proto", "resource_pb"));
  const structproto = require(require.resolve("google-protobuf/google/protobuf/struct_pb", { paths: [pulumiDir] }));

  // As cmd/run/index.js does before running the program: closure serialization needs the v8 inspector hooks.
  try {
    await require(path.join(pulumiDir, "runtime", "closure", "v8Hooks")).isInitializedAsync();
  } catch {
    // older runtimes initialize lazily
  }

  await mocks.setMocks(
    {
      newResource: async () => {
        throw new Error("harness: unexpected call to the mock newResource");
      },
      call: async (a: { token: string }) => {
        throw new Error(`invoke '${a.token}' is not supported by the harness`);
      },
    },
    args.project,
    args.stack,
    args.preview,
    args.organization,
  );
  const monitor = settings.getMonitor();

  let seq = 0;
  const pending = new Map<number, (a: RegisterAnswer) => void>();
  process.on("message", (m: ParentMessage) => {
    if (m && m.kind === "answer") {
      const r = pending.get(m.seq);
      pending.delete(m.seq);
      r?.(m);
    }
  });
  const ask = async (msg: ChildMessage & { seq: number }): Promise<RegisterAnswer> => {
    const answer = new Promise<RegisterAnswer>((resolve) => pending.set(msg.seq, resolve));
    await send(msg);
    return answer;
  };
  const grpcError = (a: RegisterAnswer) => {
    const e: any = new Error(a.error ?? "registration failed");
    e.code = a.code ?? 2;
    e.details = a.error;
    return e;
  };

  monitor.registerResource = (req: any, callback: (err: any, res?: any) => void) => {
    const propertyDependencies: Record<string, string[]> = {};
    // forEach rather than for-of: the runner is compiled with the program's tsconfig, whatever its target.
    req.getPropertydependenciesMap().forEach((v: any, k: string) => {
      propertyDependencies[k] = v.getUrnsList();
    });
    const msg: RegisterRequest = {
      kind: "register",
      seq: ++seq,
      type: req.getType(),
      name: req.getName(),
      parent: req.getParent(),
      custom: req.getCustom(),
      object: ((req.getObject() && req.getObject().toJavaScript()) || {}) as PropertyMap,
      dependencies: req.getDependenciesList(),
      propertyDependencies,
      deleteBeforeReplace: req.getDeletebeforereplacedefined() ? req.getDeletebeforereplace() : undefined,
      ignoreChanges: req.getIgnorechangesList(),
      replaceOnChanges: req.getReplaceonchangesList(),
      protect: req.getProtect(),
      retainOnDelete: req.getRetainondelete(),
      provider: req.getProvider(),
      importId: req.getImportid(),
      additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
      aliasCount: (req.getAliasesList?.() ?? []).length + (req.getAliasspecsList?.() ?? []).length,
      deletedWith: req.getDeletedwith?.() ?? "",
    };
    ask(msg).then(
      (a) => {
        if (a.error !== undefined) return callback(grpcError(a));
        const resp = new resproto.RegisterResourceResponse();
        resp.setUrn(a.urn);
        resp.setId(a.id ?? "");
        resp.setObject(structproto.Struct.fromJavaScript(a.object ?? {}));
        // Keep the mock monitor's registry current: `pulumi:pulumi:getResource` invokes read it.
        monitor.resources?.set(a.urn, { urn: a.urn, id: a.id || null, state: a.object ?? {} });
        callback(null, resp);
      },
      (e) => callback(e),
    );
  };

  monitor.registerResourceOutputs = (req: any, callback: (err: any, res?: any) => void) => {
    const outputs = ((req.getOutputs() && req.getOutputs().toJavaScript()) || {}) as PropertyMap;
    ask({ kind: "outputs", seq: ++seq, urn: req.getUrn(), outputs }).then(
      (a) => (a.error !== undefined ? callback(grpcError(a)) : callback(null, {})),
      (e) => callback(e),
    );
  };

  monitor.readResource = (req: any, callback: (err: any, res?: any) => void) => {
    callback(new Error(`reading an existing resource (${req.getType()} ${req.getName()}, '.get') is not supported by the harness`));
  };

  process.on("uncaughtException", fail);
  process.on("unhandledRejection", fail);

  // run.js: CommonJS programs are required (a directory with a trailing slash); an exported function is called.
  const runProgram = async () => {
    const programExport = require(args.entry);
    const result = programExport instanceof Function ? programExport() : programExport;
    return await result;
  };
  await stackMod.runInPulumiStack(runProgram);
  // What disconnect() does when the program finishes: wait until every outstanding resource RPC is answered.
  await settings.waitForRPCs();
  await send({ kind: "done" });
  process.exit(0);
}

main().catch(fail);
