// The engine's side of the Node.js dynamic-provider host: spawns the real
// `@pulumi/pulumi/cmd/dynamic-provider` as Pulumi launches the `pulumi-resource-pulumi-nodejs` plugin, and calls it
// over gRPC with the requests the Go engine (sdk/go/common/resource/plugin/provider_plugin.go) builds.
import { spawn, type ChildProcess } from "child_process";
import { splitLines, waitForExit } from "./child-processes";
import { emptyproto, grpc, provproto, provrpc } from "./deps";
import { type PropertyMap, mapToProviderWire } from "./props";
import { ProviderError, fromStruct, setIdentity, toProviderError, toStruct } from "./provider-wire";

export { ProviderError, type InitFailure } from "./provider-wire";

export interface HostOptions {
  /** The program's root directory: the host's working directory (it resolves `require` from there). */
  programDir: string;
  project: string;
  stack: string;
  /** Full stack config with namespaced keys (`project:key`), as the engine passes it to dynamic providers. */
  config: Record<string, string>;
  env: NodeJS.ProcessEnv;
}

export interface CheckFailure {
  property: string;
  reason: string;
}

export type DiffChanges = "none" | "some" | "unknown";

export interface DiffResult {
  changes: DiffChanges;
  replaces: string[];
  deleteBeforeReplace: boolean;
}

type Callback<R> = (err: import("@grpc/grpc-js").ServiceError | null, res: R) => void;

/** The dynamic-provider host script, resolved from the program directory like the plugin's shell shim does. */
export function resolveHostScript(programDir: string): string {
  try {
    return require.resolve("@pulumi/pulumi/cmd/dynamic-provider", { paths: [programDir] });
  } catch {
    return require.resolve("@pulumi/pulumi/cmd/dynamic-provider");
  }
}

export class ProviderHost {
  private configured = false;
  private readonly diagnostics: string[] = [];
  private exited = false;

  private constructor(
    private readonly proc: ChildProcess,
    private readonly client: InstanceType<typeof provrpc.ResourceProviderClient>,
    private readonly opts: HostOptions,
  ) {
    proc.on("exit", () => {
      this.exited = true;
    });
  }

  /** Lines the host (and provider code in it) wrote to stdout/stderr. */
  get output(): string[] {
    return this.diagnostics;
  }

  static async start(opts: HostOptions): Promise<ProviderHost> {
    const script = resolveHostScript(opts.programDir);
    const env: NodeJS.ProcessEnv = {
      ...opts.env,
      // What NewProvider (provider_plugin.go) adds to the plugin's environment for pulumi-nodejs.
      PULUMI_NODEJS_PROJECT: opts.project,
      PULUMI_PROJECT: opts.project,
      PULUMI_CONFIG: JSON.stringify(opts.config),
    };
    const proc = spawn(process.execPath, [script, "127.0.0.1:1"], {
      cwd: opts.programDir,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    const diagnostics: string[] = [];
    const port = await new Promise<number>((resolve, reject) => {
      let out = "";
      let err = "";
      let settled = false;
      const timer = setTimeout(() => finish(new Error(`dynamic-provider host did not report a port within 60s\n${err}`)), 60_000);
      const finish = (e: Error | undefined, p?: number) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (e) {
          proc.kill("SIGKILL");
          reject(e);
        } else resolve(p as number);
      };
      proc.stdout!.setEncoding("utf8");
      proc.stderr!.setEncoding("utf8");
      proc.stdout!.on("data", (chunk: string) => {
        if (settled) {
          diagnostics.push(...splitLines(chunk));
          return;
        }
        out += chunk;
        const nl = out.indexOf("\n");
        if (nl >= 0) {
          const first = out.slice(0, nl).trim();
          const rest = out.slice(nl + 1);
          if (rest) diagnostics.push(...splitLines(rest));
          const p = Number(first);
          if (!Number.isInteger(p) || p <= 0) finish(new Error(`dynamic-provider host printed '${first}' instead of a port\n${err}`));
          else finish(undefined, p);
        }
      });
      proc.stderr!.on("data", (chunk: string) => {
        if (!settled) err += chunk;
        diagnostics.push(...splitLines(chunk));
      });
      proc.on("error", (e) => finish(e));
      proc.on("exit", (code, signal) =>
        finish(new Error(`dynamic-provider host exited (${code ?? signal}) before reporting a port\n${err}`)),
      );
    });
    const client = new provrpc.ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), {
      "grpc.max_receive_message_length": 400 * 1024 * 1024,
      "grpc.max_send_message_length": 400 * 1024 * 1024,
    });
    const host = new ProviderHost(proc, client, opts);
    host.diagnostics.push(...diagnostics);
    proc.stdout!.removeAllListeners("data");
    proc.stderr!.removeAllListeners("data");
    proc.stdout!.on("data", (chunk: string) => host.diagnostics.push(...splitLines(chunk)));
    proc.stderr!.on("data", (chunk: string) => host.diagnostics.push(...splitLines(chunk)));
    return host;
  }

  private call<Req, Res>(method: string, req: Req): Promise<Res> {
    return new Promise<Res>((resolve, reject) => {
      const fn = (this.client as unknown as Record<string, (r: Req, cb: Callback<Res>) => void>)[method];
      fn.call(this.client, req, (err, res) => {
        if (err) reject(toProviderError(err, this.exited));
        else resolve(res);
      });
    });
  }

  /** What the engine does right after loading the plugin: Handshake (unimplemented by this host), GetPluginInfo, Configure. */
  async configure(): Promise<void> {
    if (this.configured) return;
    this.configured = true;
    const hs = new provproto.ProviderHandshakeRequest();
    hs.setEngineAddress("127.0.0.1:1");
    hs.setRootDirectory(this.opts.programDir);
    hs.setProgramDirectory(this.opts.programDir);
    hs.setConfigureWithUrn(true);
    hs.setSupportsViews(true);
    hs.setSupportsRefreshBeforeUpdate(true);
    try {
      await this.call("handshake", hs);
    } catch (e) {
      if (!(e instanceof ProviderError) || e.code !== grpc.status.UNIMPLEMENTED) throw e;
    }
    await this.call("getPluginInfo", new emptyproto.Empty());
    const req = new provproto.ConfigureRequest();
    const vars = req.getVariablesMap();
    for (const [k, v] of Object.entries(this.opts.config)) vars.set(`pulumi-nodejs:config:${k}`, v);
    req.setArgs(toStruct(this.opts.config as PropertyMap));
    req.setAcceptsecrets(true);
    req.setAcceptresources(true);
    req.setSendsOldInputs(true);
    req.setSendsOldInputsToDelete(true);
    await this.call("configure", req);
  }

  async check(urn: string, olds: PropertyMap, news: PropertyMap, preview: boolean): Promise<{ inputs: PropertyMap; failures: CheckFailure[] }> {
    await this.configure();
    const req = new provproto.CheckRequest();
    setIdentity(req, urn);
    req.setOlds(toStruct(mapToProviderWire(olds, preview)));
    req.setNews(toStruct(mapToProviderWire(news, preview)));
    req.setRandomseed(randomSeed());
    const res = await this.call<typeof req, InstanceType<typeof provproto.CheckResponse>>("check", req);
    return {
      inputs: fromStruct(res.getInputs()) ?? {},
      failures: res.getFailuresList().map((f) => ({ property: f.getProperty(), reason: f.getReason() })),
    };
  }

  async diff(urn: string, id: string, oldOutputs: PropertyMap, oldInputs: PropertyMap, news: PropertyMap, preview: boolean, ignoreChanges: string[] = []): Promise<DiffResult> {
    await this.configure();
    const req = new provproto.DiffRequest();
    setIdentity(req, urn);
    req.setId(id);
    req.setOlds(toStruct(mapToProviderWire(oldOutputs, preview)));
    req.setOldInputs(toStruct(mapToProviderWire(oldInputs, preview)));
    req.setNews(toStruct(mapToProviderWire(news, preview)));
    req.setIgnorechangesList(ignoreChanges);
    const res = await this.call<typeof req, InstanceType<typeof provproto.DiffResponse>>("diff", req);
    const C = provproto.DiffResponse.DiffChanges;
    const c = res.getChanges();
    return {
      changes: c === C.DIFF_SOME ? "some" : c === C.DIFF_NONE ? "none" : "unknown",
      replaces: res.getReplacesList(),
      deleteBeforeReplace: res.getDeletebeforereplace(),
    };
  }

  async create(urn: string, props: PropertyMap): Promise<{ id: string; properties: PropertyMap }> {
    await this.configure();
    const req = new provproto.CreateRequest();
    setIdentity(req, urn);
    req.setProperties(toStruct(mapToProviderWire(props, false)));
    req.setPreview(false);
    const res = await this.call<typeof req, InstanceType<typeof provproto.CreateResponse>>("create", req);
    return { id: res.getId(), properties: fromStruct(res.getProperties()) ?? {} };
  }

  async update(urn: string, id: string, oldOutputs: PropertyMap, oldInputs: PropertyMap, news: PropertyMap, ignoreChanges: string[] = []): Promise<{ properties: PropertyMap }> {
    await this.configure();
    const req = new provproto.UpdateRequest();
    setIdentity(req, urn);
    req.setId(id);
    req.setOlds(toStruct(mapToProviderWire(oldOutputs, false)));
    req.setOldInputs(toStruct(mapToProviderWire(oldInputs, false)));
    req.setNews(toStruct(mapToProviderWire(news, false)));
    req.setIgnorechangesList(ignoreChanges);
    req.setPreview(false);
    const res = await this.call<typeof req, InstanceType<typeof provproto.UpdateResponse>>("update", req);
    return { properties: fromStruct(res.getProperties()) ?? {} };
  }

  /** Refresh's Read. An empty id means the object is gone (the engine zeroes the state then). */
  async read(urn: string, id: string, outputs: PropertyMap, inputs: PropertyMap): Promise<{ id: string; properties: PropertyMap; inputs?: PropertyMap }> {
    await this.configure();
    const req = new provproto.ReadRequest();
    setIdentity(req, urn);
    req.setId(id);
    req.setProperties(toStruct(mapToProviderWire(outputs, false)));
    req.setInputs(toStruct(mapToProviderWire(inputs, false)));
    const res = await this.call<typeof req, InstanceType<typeof provproto.ReadResponse>>("read", req);
    return { id: res.getId(), properties: fromStruct(res.getProperties()) ?? {}, inputs: fromStruct(res.getInputs()) };
  }

  async delete(urn: string, id: string, outputs: PropertyMap, inputs: PropertyMap): Promise<void> {
    await this.configure();
    const req = new provproto.DeleteRequest();
    setIdentity(req, urn);
    req.setId(id);
    req.setProperties(toStruct(mapToProviderWire(outputs, false)));
    req.setOldInputs(toStruct(mapToProviderWire(inputs, false)));
    await this.call("delete", req);
  }

  /** Ends the plugin as the engine does when the operation is over. */
  async stop(): Promise<void> {
    try {
      this.client.close();
    } catch {
      // ignore
    }
    if (this.exited) return;
    await waitForExit(this.proc, 5000, "SIGTERM");
  }
}

function randomSeed(): Uint8Array {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return new Uint8Array((require("crypto") as typeof import("crypto")).randomBytes(32));
}
