// Child process: serves one run of a Pulumi program on disk to the real Pulumi CLI as its language runtime, the way
// Pulumi's Automation API serves an inline program (`pulumi up --client=<address>`): a gRPC LanguageRuntime whose Run
// is @pulumi/pulumi's own `LanguageServer` (automation/server.js), with the program being "require the entry point",
// as `pulumi-language-nodejs` does through cmd/run/run.js (a default export or an exported function is called, the
// result becomes the stack outputs).
//
// Why not `pulumi-language-nodejs` itself: it is a Go module with no tagged releases
// (github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3), and the Go module proxy this project can reach
// refuses every version of it (its version list and each release commit's pseudo-version answer 403). The engine, the
// step generator, the state and the dynamic-provider host are the real ones either way; only the process that runs the
// program differs. With a regular Pulumi installation (which ships the language host) `pulumi up` works on the
// examples directly.
//
// Started by cli-runner/program-run.ts with cwd = the program's directory; PULUMI_PROGRAM_ENTRY names the file or
// directory to require. Prints "LISTENING <port>" on stdout once it accepts connections; lives until it is killed.
import * as path from "path";

/* eslint-disable @typescript-eslint/no-require-imports */

const programDir = process.cwd();
const entry = process.env.PULUMI_PROGRAM_ENTRY ?? programDir;
delete process.env.PULUMI_PROGRAM_ENTRY;

function resolveFromProgram(id: string): string {
  return require.resolve(id, { paths: [programDir] });
}

// The program, its @pulumi/pulumi and this server must share one copy of the runtime (one settings store).
const pulumiDir = path.dirname(resolveFromProgram("@pulumi/pulumi/package.json"));
const grpc = require(require.resolve("@grpc/grpc-js", { paths: [pulumiDir] })) as typeof import("@grpc/grpc-js");
const langrpc = require(path.join(pulumiDir, "proto", "language_grpc_pb"));
const { LanguageServer } = require(path.join(pulumiDir, "automation", "server")) as {
  LanguageServer: new (program: () => Promise<unknown>) => object;
};
const { grpcChannelOptions } = require(path.join(pulumiDir, "runtime", "index")) as { grpcChannelOptions: object };

/**
 * Forgets the program's own modules, so that the next Run executes it again: `pulumi up` asks for two runs (its preview,
 * then the update) where the language host starts a fresh process for each. Installed packages (@pulumi/pulumi's one
 * runtime store above all) stay loaded.
 */
function forgetProgramModules(): void {
  for (const file of Object.keys(require.cache)) {
    if (file.startsWith(programDir + path.sep) && !file.includes(`${path.sep}node_modules${path.sep}`)) delete require.cache[file];
  }
}

/** What cmd/run/run.js does with a CommonJS program: require it; a function export is called; a default export wins. */
async function runProgram(): Promise<unknown> {
  forgetProgramModules();
  const target = require("fs").statSync(entry).isDirectory() && !entry.endsWith("/") ? `${entry}/` : entry;
  let exported = require(target) as unknown;
  if (exported && typeof exported === "object" && Object.getOwnPropertyDescriptor(exported, "default") !== undefined) {
    exported = (exported as { default: unknown }).default;
  }
  return await (typeof exported === "function" ? (exported as () => unknown)() : exported);
}

async function main(): Promise<void> {
  // TypeScript programs: as the language host does with `typescript: true` (type checking is `npm run typecheck`'s job).
  require(resolveFromProgram("ts-node")).register({ transpileOnly: true, compilerOptions: { module: "commonjs" } });
  // As cmd/run/index.js does before running a program: closure serialization needs the v8 inspector hooks.
  await require(path.join(pulumiDir, "runtime", "closure", "v8Hooks")).isInitializedAsync();

  const server = new grpc.Server(grpcChannelOptions);
  server.addService(langrpc.LanguageRuntimeService, new LanguageServer(runProgram) as never);
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))),
  );
  process.stdout.write(`LISTENING ${port}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`program server: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
