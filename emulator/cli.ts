#!/usr/bin/env node
/**
 * `npm run emulator -- --port 4566 [--host H] [--state FILE] [--time-scale X] [--manual-clock] [--region R] [--domains FILE] [--applications FILE]`
 * Runs the emulator until SIGINT/SIGTERM, then saves the state file and exits 0.
 */
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
}

const USAGE = "usage: emulator [--port N] [--host HOST] [--state FILE] [--time-scale X] [--manual-clock] [--region REGION] [--domains FILE] [--applications FILE]";

function parseArgs(argv: string[]): CliOptions {
  const options: CliOptions = { port: 4566, manualClock: false, region: "us-east-1" };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value\n${USAGE}`);
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
      case "--help":
      case "-h":
        process.stdout.write(`${USAGE}\n`);
        process.exit(0);
        break;
      default:
        throw new Error(`unknown argument ${arg}\n${USAGE}`);
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
    `# primary account, ${options.region}: paste into a shell`,
    ...Object.entries(emulator.envFor("primary", options.region)).map(([k, v]) => `export ${k}=${v}`),
    "",
  ];
  return lines.join("\n");
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const emulator = await startEmulator({
    port: options.port,
    ...(options.host !== undefined ? { host: options.host } : {}),
    ...(options.stateFile !== undefined ? { stateFile: options.stateFile } : {}),
    ...(options.timeScale !== undefined ? { timeScale: options.timeScale } : {}),
    manualClock: options.manualClock,
    ...(options.domainsFile !== undefined ? { domainsFile: options.domainsFile } : {}),
    ...(options.applicationsFile !== undefined ? { applicationsFile: options.applicationsFile } : {}),
  });
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
