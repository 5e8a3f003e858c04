// Command line for the lifecycle harness:
//   node dist/harness/cli.js <programDir> <preview|up|refresh|destroy>... [--state FILE] [--stack NAME]
//                            [--config key=value]... [--skip-preview]
// Example: node dist/harness/cli.js examples/directconnect up destroy --state .state/dx.json --config bandwidth=10Gbps
import * as path from "path";
import { LocalStack } from "./index";

async function main(argv: string[]): Promise<number> {
  const ops: string[] = [];
  const config: Record<string, string> = {};
  let programDir: string | undefined;
  let stateFile: string | undefined;
  let stackName: string | undefined;
  let skipPreview = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--state") stateFile = argv[++i];
    else if (a === "--stack") stackName = argv[++i];
    else if (a === "--skip-preview") skipPreview = true;
    else if (a === "--config") {
      const kv = argv[++i] ?? "";
      const eq = kv.indexOf("=");
      if (eq <= 0) throw new Error(`--config expects key=value, got '${kv}'`);
      config[kv.slice(0, eq)] = kv.slice(eq + 1);
    } else if (!programDir) programDir = a;
    else ops.push(a);
  }
  if (!programDir || ops.length === 0) {
    process.stderr.write("usage: cli <programDir> <preview|up|refresh|destroy>... [--state FILE] [--stack NAME] [--config k=v]... [--skip-preview]\n");
    return 2;
  }
  const stack = new LocalStack({
    programDir,
    stackName,
    stateFile: stateFile ?? path.join(programDir, ".state", `${stackName ?? "dev"}.json`),
    config,
    skipPreview,
  });
  for (const op of ops) {
    if (op !== "preview" && op !== "up" && op !== "refresh" && op !== "destroy") throw new Error(`unknown operation '${op}'`);
    const result = await stack[op]();
    if (!result.ok) return 1;
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
    process.exit(1);
  },
);
