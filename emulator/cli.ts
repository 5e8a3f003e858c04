#!/usr/bin/env node
/**
 * `npm run emulator -- [options]` (see USAGE, or `--help`). Runs the emulator until SIGINT/SIGTERM, then saves the
 * state file and exits 0.
 */
import { isLoopbackHost } from "./control-guard";
import { startEmulator, type DomainInfo, type Emulator, type OpenSearchApplicationRecord, type OpenSearchDataSourceRecord } from "./index";

interface CliOptions {
  port: number;
  host?: string;
  stateFile?: string;
  timeScale?: number;
  manualClock: boolean;
  region: string;
  domainsFile?: string;
  applicationsFile?: string;
  consistencyDelayMs?: number;
  controlHosts: string[];
}

const USAGE = `usage: emulator [options]

Serves Direct Connect, STS, and the OpenSearch/Elasticsearch cross-cluster and data-source attachment APIs locally,
with SigV4 checked against the test accounts, and a control API under /_emulator/.

options:
  --port N                   TCP port (default 4566; 0 picks a free one)
  --host HOST                interface to listen on (default 127.0.0.1); anything but loopback makes the control API
                             and the unauthenticated state reachable from the network
  --control-host NAME        a host name (besides localhost) the control API accepts in Host, e.g. a docker-compose
                             service name; repeatable. Other names are refused against DNS rebinding
  --state FILE               keep the state in FILE: loaded at start, every change saved before it is answered
  --time-scale X             emulated milliseconds per real millisecond (default 1; 1000 = a day in 86 s)
  --manual-clock             emulated time moves only through the control API (POST /_emulator/clock/advance)
  --region REGION            region of the printed exports (default us-east-1)
  --domains FILE             JSON array of OpenSearch/Elasticsearch domains replacing the built-in fixture
  --applications FILE        JSON { applications?, dataSources? } replacing the built-in OpenSearch application fixture
  --consistency-delay MS     eventual consistency: every Describe/List/Get shows the state as of MS emulated ms ago
                             (per operation: POST /_emulator/consistency)
  -h, --help                 print this help and exit`;

function parseArgs(argv: string[]): CliOptions {
  const options: CliOptions = { port: 4566, manualClock: false, region: "us-east-1", controlHosts: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value (--help lists every option)`);
      return v;
    };
    switch (flag) {
      case "--port": {
        const port = Number(value());
        if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0-65535`);
        options.port = port;
        break;
      }
      case "--host":
        options.host = value();
        break;
      case "--control-host":
        options.controlHosts.push(value());
        break;
      case "--state":
        options.stateFile = value();
        break;
      case "--time-scale": {
        const scale = Number(value());
        if (!Number.isFinite(scale) || scale < 0) throw new Error("--time-scale must be a non-negative number");
        options.timeScale = scale;
        break;
      }
      case "--manual-clock":
        options.manualClock = true;
        break;
      case "--region":
        options.region = value();
        break;
      case "--domains":
        options.domainsFile = value();
        break;
      case "--applications":
        options.applicationsFile = value();
        break;
      case "--consistency-delay": {
        const ms = Number(value());
        if (!Number.isFinite(ms) || ms < 0) throw new Error("--consistency-delay must be a non-negative number of milliseconds");
        options.consistencyDelayMs = ms;
        break;
      }
      case "--help":
      case "-h":
        process.stdout.write(`${USAGE}\n`);
        process.exit(0);
        break;
      default:
        throw new Error(`unknown argument ${arg} (--help lists every option)`);
    }
  }
  return options;
}

interface Fixtures {
  domains: readonly DomainInfo[];
  applications: readonly OpenSearchApplicationRecord[];
  dataSources: readonly OpenSearchDataSourceRecord[];
}

function banner(emulator: Emulator, options: CliOptions, { domains, applications, dataSources }: Fixtures): string {
  const lines = [
    `AWS emulator listening on ${emulator.endpoint}`,
    `Services: Direct Connect (directconnect), STS (sts), OpenSearch and Elasticsearch cross-cluster connections and OpenSearch application data-source attachments (es); control API at ${emulator.endpoint}/_emulator/`,
    options.stateFile ? `State file: ${options.stateFile}` : "State: in memory only (use --state FILE to keep it)",
    ...(options.consistencyDelayMs ? [`Eventual consistency: Describe/List/Get show the state as of ${options.consistencyDelayMs} emulated ms ago`] : []),
    "",
    "Test accounts:",
    ...emulator.accounts.map((a) => `  ${a.name.padEnd(8)} ${a.accountId}  AWS_ACCESS_KEY_ID=${a.accessKeyId}  AWS_SECRET_ACCESS_KEY=${a.secretAccessKey}`),
    "",
    "OpenSearch/Elasticsearch domains (GET /_emulator/opensearch/domains):",
    ...domains.map((d) => `  ${d.accountId} ${d.region.padEnd(12)} ${d.domainName.padEnd(28)} ${d.engineVersion}${d.vpc ? " (VPC)" : ""}`),
    "",
    "OpenSearch applications (GET /_emulator/opensearch/applications):",
    ...applications.map((a) => `  ${a.accountId} ${a.region.padEnd(12)} ${a.id.padEnd(28)} ${a.name} ${a.status}`),
    // Only a count: the ARNs would repeat the domain names, and the list above is what `--domains` replaces.
    `  and ${dataSources.length} data sources to attach (GET /_emulator/opensearch/data-sources)`,
    "",
    // One block per account, primary last: pasting the whole banner leaves the primary account's variables in force.
    ...[...emulator.accounts.slice(1), emulator.accounts[0]].flatMap((account) => [
      `# ${account.name} account (${account.accountId}), ${options.region}: paste into a shell`,
      ...Object.entries(emulator.envFor(account.name, options.region)).map(([k, v]) => `export ${k}=${v}`),
      "",
    ]),
  ];
  return lines.join("\n");
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const emulator = await startEmulator({
    port: options.port,
    ...(options.host !== undefined ? { host: options.host } : {}),
    controlHosts: options.controlHosts,
    ...(options.stateFile !== undefined ? { stateFile: options.stateFile } : {}),
    ...(options.timeScale !== undefined ? { timeScale: options.timeScale } : {}),
    manualClock: options.manualClock,
    ...(options.domainsFile !== undefined ? { domainsFile: options.domainsFile } : {}),
    ...(options.applicationsFile !== undefined ? { applicationsFile: options.applicationsFile } : {}),
    ...(options.consistencyDelayMs !== undefined ? { consistency: { defaultDelayMs: options.consistencyDelayMs } } : {}),
  });
  if (options.host !== undefined && !isLoopbackHost(options.host)) {
    process.stderr.write(
      `emulator: WARNING: listening on ${options.host}, beyond this machine's loopback interface. The control API ` +
        "(/_emulator/: reset, state, faults) and all emulated state are then reachable from the network without any " +
        "authentication, and the test accounts' keys are public. Use --host 127.0.0.1 unless other machines must reach it.\n",
    );
  }
  const fixtures: Fixtures = {
    domains: await emulator.control.domains(),
    applications: await emulator.control.applications(),
    dataSources: await emulator.control.dataSources(),
  };
  process.stdout.write(banner(emulator, options, fixtures));

  let stopping = false;
  const shutdown = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`emulator: ${signal} received, saving state and stopping\n`);
    emulator.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        process.stderr.write(`emulator: stop failed: ${err instanceof Error ? err.message : String(err)}\n`);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", () => shutdown("SIGINT"));
  process.on("SIGTERM", () => shutdown("SIGTERM"));
}

main().catch((err: unknown) => {
  process.stderr.write(`emulator: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(2);
});
