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
    clients.set(key, client);
  }
  return client;
}

/** Settings that reach the same account and region the same way give the same key (clients and pollers are shared by it). */
export function settingsKey(settings: AwsSettings): string {
  return JSON.stringify([settings.region, settings.profile, settings.roleArn, settings.externalId, settings.endpoint]);
}

export function clientConfig(settings: AwsSettings, tuning: ClientTuning): Record<string, unknown> {
  const config: Record<string, unknown> = {
    maxAttempts: tuning.maxAttempts,
    // Without these a response that never comes hangs create or delete forever: `timeouts` bound polling only, and
    // the dynamic-provider host ignores Cancel. A timed-out request is transient, so creates look before retrying.
    requestHandler: { connectionTimeout: 10_000, requestTimeout: 60_000 },
  };
  if (settings.region) config.region = settings.region;
  if (settings.endpoint) config.endpoint = settings.endpoint;
  if (settings.profile) config.profile = settings.profile;
  const credentialProviders = require("@aws-sdk/credential-providers") as typeof import("@aws-sdk/credential-providers");
  const base = settings.profile ? credentialProviders.fromNodeProviderChain({ profile: settings.profile }) : undefined;
  if (settings.roleArn) {
    config.credentials = credentialProviders.fromTemporaryCredentials({
      params: {
        RoleArn: settings.roleArn,
        RoleSessionName: "pulumi-aws-connections",
        ...(settings.externalId ? { ExternalId: settings.externalId } : {}),
      },
      ...(base ? { masterCredentials: base } : {}),
      // STS is reached through the standard chain (AWS_ENDPOINT_URL_STS included), never the service endpoint.
      clientConfig: settings.region ? { region: settings.region } : {},
    });
  } else if (base) {
    config.credentials = base;
  }
  return config;
}

/** For tests: forget cached clients (e.g. after the environment changed). */
export function resetClients(): void {
  clients.clear();
}
