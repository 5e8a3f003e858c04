import { isDuration, parseDuration } from "./durations";
import { AssumeRoleError } from "./errors";

/**
 * AWS clients, built lazily inside the provider host from a resource's `aws` settings. Nothing here is captured by a
 * resource's serialized provider, so credentials never reach state. Without settings the SDK's standard chain applies:
 * environment, shared config/profile, AWS_REGION, and the service's AWS_ENDPOINT_URL_* variable.
 */
export interface AwsSettings {
  region?: string;
  profile?: string;
  roleArn?: string;
  externalId?: string;
  endpoint?: string;
}

export interface ClientTuning {
  /**
   * Attempts per call, retries included. Reads and idempotent writes ride out throttling bursts with many attempts; a
   * create that is not idempotent gets exactly one, and the resource retries it itself after checking what AWS made.
   */
  maxAttempts: number;
}

export const IDEMPOTENT: ClientTuning = { maxAttempts: 10 };
export const SINGLE_ATTEMPT: ClientTuning = { maxAttempts: 1 };

type ClientConstructor<C> = new (config: Record<string, unknown>) => C;

const clients = new Map<string, unknown>();

/** Returns a cached client for these settings; `load` requires the SDK module only when first needed. */
export function awsClient<C>(service: string, load: () => ClientConstructor<C>, settings: AwsSettings, tuning: ClientTuning): C {
  const key = JSON.stringify([service, settingsKey(settings), tuning.maxAttempts]);
  let client = clients.get(key) as C | undefined;
  if (!client) {
    const Client = load();
    client = new Client(clientConfig(settings, tuning));
    // No logger is ever given, yet the SDK's logger middleware builds a sensitive-data-filtered copy of every input and
    // output for the no-op logger to drop: a fleet's worth of garbage in the host (the fleet benchmark's profile).
    (client as unknown as { middlewareStack: { remove(name: string): boolean } }).middlewareStack.remove("loggerMiddleware");
    clients.set(key, client);
  }
  return client;
}

// Without these a response that never comes hangs create or delete forever: `timeouts` bound polling only, and the
// dynamic-provider host ignores Cancel. A timed-out request is transient, so creates look before retrying.
// `throwOnRequestTimeout`: without it @smithy/node-http-handler (4.x, node-http-handler's setRequestTimeout) only logs
// a warning when `requestTimeout` passes and goes on waiting, so the request still hangs forever.
export const REQUEST_TIMEOUT_VARIABLE = "PULUMI_AWS_CONNECTIONS_REQUEST_TIMEOUT";
const DEFAULT_REQUEST_TIMEOUT_MS = 60_000;

/**
 * How long one AWS request may take before it is abandoned (and, being transient, retried): 60 s, or the duration in
 * PULUMI_AWS_CONNECTIONS_REQUEST_TIMEOUT (e.g. "90s"; "500ms" for tests against the emulator's `hang` fault). Read
 * when a client is built, in the process that makes the calls (the provider host).
 */
export function requestTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env[REQUEST_TIMEOUT_VARIABLE]?.trim();
  if (raw === undefined || raw === "") return DEFAULT_REQUEST_TIMEOUT_MS;
  if (!isDuration(raw)) throw new Error(`${REQUEST_TIMEOUT_VARIABLE}: must be a duration such as "60s" or "500ms"`);
  return parseDuration(raw);
}

function requestTimeouts(): { connectionTimeout: number; requestTimeout: number; throwOnRequestTimeout: true } {
  return { connectionTimeout: 10_000, requestTimeout: requestTimeoutMs(), throwOnRequestTimeout: true };
}

/** Settings that reach the same account and region the same way give the same key (clients and pollers are shared by it). */
export function settingsKey(settings: AwsSettings): string {
  return JSON.stringify([settings.region, settings.profile, settings.roleArn, settings.externalId, settings.endpoint]);
}

export function clientConfig(settings: AwsSettings, tuning: ClientTuning): Record<string, unknown> {
  const config: Record<string, unknown> = { maxAttempts: tuning.maxAttempts, requestHandler: requestTimeouts() };
  if (settings.region) config.region = settings.region;
  if (settings.endpoint) config.endpoint = settings.endpoint;
  // For the profile's region (the client's region chain reads it); its credentials are given below.
  if (settings.profile) config.profile = settings.profile;
  const credentialProviders = require("@aws-sdk/credential-providers") as typeof import("@aws-sdk/credential-providers");
  // The profile's own credentials from the shared files (keys, role_arn/source_profile, SSO, credential_process), as
  // the node chain would pick for a profile, but without the chain: handed a profile while AWS_ACCESS_KEY_ID is set,
  // it warns that "AWS_PROFILE" and static keys are both set, although AWS_PROFILE may not be set at all.
  const base = settings.profile ? credentialProviders.fromIni({ profile: settings.profile }) : undefined;
  if (settings.roleArn) {
    config.credentials = assumingRole(credentialProviders, settings, base);
  } else if (base) {
    config.credentials = base;
  }
  return config;
}

type CredentialProviders = typeof import("@aws-sdk/credential-providers");
type Credentials = ReturnType<CredentialProviders["fromTemporaryCredentials"]>;

/**
 * Temporary credentials of `settings.roleArn`. AssumeRole is idempotent, so it gets the retry budget of idempotent
 * service calls (throttling on STS is retried with backoff), whatever the calling client's own budget; a create's
 * single attempt is about the create, not about getting credentials. A failure is reported as AssumeRoleError.
 */
function assumingRole(credentialProviders: CredentialProviders, settings: AwsSettings, base: Credentials | undefined): Credentials {
  const roleArn = settings.roleArn as string;
  const assume = credentialProviders.fromTemporaryCredentials({
    params: {
      RoleArn: roleArn,
      RoleSessionName: "pulumi-aws-connections",
      ...(settings.externalId ? { ExternalId: settings.externalId } : {}),
    },
    ...(base ? { masterCredentials: base } : {}),
    // STS is reached through the standard chain (AWS_ENDPOINT_URL_STS included), never the service endpoint.
    clientConfig: { maxAttempts: IDEMPOTENT.maxAttempts, requestHandler: requestTimeouts(), ...(settings.region ? { region: settings.region } : {}) },
  });
  return async (properties) => {
    try {
      return await assume(properties);
    } catch (error) {
      throw new AssumeRoleError(roleArn, error);
    }
  };
}

/**
 * The region a client of the SDK package `clientPackage` would act in without `region`: exactly the SDK's default chain
 * (AWS_REGION, then the region of the profile — `profile`, else AWS_PROFILE, else "default" — in the shared files), read
 * with the very loader and options that package's clients use, found from the package itself so that it is the same
 * copy. No client is built: building one prints the SDK's Node.js version notice, which a preview should not show.
 * Undefined when the chain has none (the client's "Region is missing"); "unknown" when the loader cannot be found (an
 * SDK laid out differently): then nothing is claimed, and the SDK says what it says at create.
 */
export async function defaultChainRegion(clientPackage: string, profile: string | undefined): Promise<string | undefined | "unknown"> {
  const config = smithyConfigOf(clientPackage);
  if (config === undefined) return "unknown";
  try {
    const region = await config.loadConfig(config.NODE_REGION_CONFIG_OPTIONS, { ...config.NODE_REGION_CONFIG_FILE_OPTIONS, profile })();
    return region || undefined;
  } catch {
    return undefined;
  }
}

const smithyConfigs = new Map<string, SmithyConfig | undefined>();

/**
 * The `@smithy/core/config` module of this client package, resolved once per host: resolving with `paths` is not
 * cached by Node, and every check of a fleet's resources asks (it showed in the fleet benchmark's allocation profile).
 */
function smithyConfigOf(clientPackage: string): SmithyConfig | undefined {
  if (!smithyConfigs.has(clientPackage)) {
    let config: SmithyConfig | undefined;
    try {
      const from = require("path").dirname(require.resolve(clientPackage)) as string;
      config = require(require.resolve("@smithy/core/config", { paths: [from] })) as SmithyConfig;
    } catch {
      config = undefined;
    }
    smithyConfigs.set(clientPackage, config);
  }
  return smithyConfigs.get(clientPackage);
}

/** What defaultChainRegion uses of `@smithy/core/config` (the module every AWS SDK v3 client reads its region with). */
interface SmithyConfig {
  loadConfig(options: unknown, init: Record<string, unknown>): () => Promise<string | undefined>;
  NODE_REGION_CONFIG_OPTIONS: unknown;
  NODE_REGION_CONFIG_FILE_OPTIONS: Record<string, unknown>;
}

/** For tests: forget cached clients (e.g. after the environment changed). */
export function resetClients(): void {
  clients.clear();
}
