import type { AwsSettings } from "./aws-clients";
import type { CrossFieldRule, FieldSet } from "./fields";
import type { PollSource } from "./poller";
import type { Observation, WaitSpec } from "./wait";

export interface Timeouts {
  create: number;
  update: number;
  delete: number;
}

/** What a resource's API calls get: where to act, how long to wait, and how to name the resource in errors. */
export interface ResourceContext {
  aws: AwsSettings;
  timeouts: Timeouts;
  /**
   * The resource by kind and Pulumi name, e.g. `directconnect.Connection "edge"` (./label.ts): starts every error
   * message and every line printed, which the CLI shows on the Stack's row, not the resource's.
   */
  label: string;
  /**
   * The running create's or update's time: the user's timeout (messages name it) and the deadline every wait inside
   * the operation shares, so two waits in a row cannot each take the whole timeout.
   */
  allowance?: { timeoutMs: number; deadline: number };
}

/**
 * One resource, declared: its fields and rules, its AWS calls, and what its statuses mean. The generic lifecycle in
 * lifecycle.ts does check, diff, create-then-wait, update, read and delete from this alone.
 * `O` is the AWS object as the describe call returns it.
 */
/** What a create made: its id and, when the create call answered with it, the object as AWS described it then. */
export interface Created<O> {
  id: string;
  object?: O;
}

export interface ResourceSpec<O> {
  /** Dynamic type, e.g. "directconnect:Connection" (token `pulumi-nodejs:dynamic/directconnect:Connection`). */
  kind: string;
  /** Public name, e.g. "directconnect.Connection". */
  typeName: string;
  /** The resource's own inputs; the common ones (aws, timeouts, adoptId) are added by the core. */
  fields: FieldSet;
  rules?: CrossFieldRule[];
  /**
   * Names of the computed outputs (Terraform's Computed): check rejects values for them, outputs keep only these from
   * toOutputs, and diff never sees them because it compares declared inputs only. The core adds `region` to every spec.
   */
  outputs: readonly string[];
  defaultTimeouts: Timeouts;
  /**
   * A short name for messages when the resource's Pulumi name is not known (programs and state without the SDK's
   * identity, ./label.ts), from inputs that are identifiers of public objects (a connection id, an application id and
   * ARN). Never a free-text name the user chose, such as a connection name or alias: it may be a `pulumi.secret`, which
   * the provider cannot tell. Without either, messages name the type alone.
   */
  describe?(inputs: Record<string, unknown>): string;

  /**
   * Creates the object and returns its id, with the object itself when the create call's answer describes it (then
   * no look follows right away just to read it again). Must not leave a duplicate behind when retried after a lost
   * response. Any wait inside shares the create's deadline (`ctx.allowance`) with the waits after it.
   */
  create(ctx: ResourceContext, inputs: Record<string, unknown>): Promise<string | Created<O>>;
  /**
   * The takeover marker the object carries (provider/core/handover.ts), for kinds whose create can take over an object
   * that a resource in state may still hold, and which can carry one.
   */
  takeoverMarkerOn?(object: O): string | undefined;
  /** The object, or undefined when AWS says it does not exist. */
  find(ctx: ResourceContext, id: string): Promise<O | undefined>;
  /**
   * Where waits for this object look when the host shares one poller per service, account and region (or domain, or
   * application): a source whose one call answers for many ids. Without it, waits look with `find`.
   */
  pollSource?(ctx: ResourceContext, id: string): PollSource<O>;
  status(object: O): Observation<O>;
  /** Statuses that mean the object is gone although AWS still lists it (e.g. deleted), given the inputs in state. */
  isGone(object: O, inputs: Record<string, unknown>): boolean;
  /** When a create or update is done, given the inputs (and which of the two it is). */
  stable(inputs: Record<string, unknown>, step: "create" | "update"): WaitSpec;
  /** Statuses seen while a delete runs. */
  deletingStatuses: readonly string[];
  /** Statuses that end a delete besides gone and not-found (e.g. a rejected inbound connection). */
  deletedStatuses?: readonly string[];
  /**
   * Brings the object to the inputs: in-place changes (after diff found no replacement), settings the create call cannot
   * take, and steps such as accepting a connection. Called after every create (with `olds` = the object as made) and
   * update, so it must compare and only call AWS for real differences. Returns the object when an answer of AWS
   * describes it as it is now, "unchanged" when it made no call (`current` still holds), and nothing when it cannot
   * tell (then the wait after it looks again).
   */
  update?(ctx: ResourceContext, id: string, olds: Record<string, unknown>, news: Record<string, unknown>, current: O): Promise<O | "unchanged" | void>;
  /** Starts deleting; not-found errors may be thrown as NotFoundError and count as success. */
  delete(ctx: ResourceContext, id: string, current: O): Promise<void>;
  /** Computed outputs from the object. */
  toOutputs(object: O): Record<string, unknown>;
  /** The AWS SDK client package this kind calls (e.g. "@aws-sdk/client-direct-connect"): check reads the region as it would. */
  sdkPackage: string;
  /** The region to act in when `aws.region` is unset, if the inputs name one (e.g. the local domain's region). */
  defaultRegion?(inputs: Record<string, unknown>): string | undefined;
  /** The region the object lives in, recorded so later operations find it even if the default chain changes. */
  regionOf(object: O, ctx: ResourceContext): string | undefined;
  /**
   * The inputs as AWS has them now, for refresh and adoptId. `previous` are the inputs in state: optional inputs the user
   * left unset stay unset, so AWS defaults do not show up as drift.
   */
  actualSettings(object: O, previous: Record<string, unknown>): Record<string, unknown>;
  /**
   * Fills what the inputs left for AWS to decide (e.g. a domain's owner and region) from what AWS decided, on both
   * sides, before diff compares them: writing out the value AWS chose is then no change. Same idea as `aws.region`.
   */
  diffBaseline?(olds: Record<string, unknown>, news: Record<string, unknown>): [Record<string, unknown>, Record<string, unknown>];
  /**
   * Whether create itself takes over the object the inputs name when AWS already has one (an API that keeps one object
   * per identity and returns it, like AttachDataSource). Then `adoptId` only states the intent: create runs either way.
   */
  createTakesOverExisting?: boolean;
  /** Whether old and new cannot exist side by side, so the old one must go first (given the diff baselines). */
  deleteBeforeReplace?(olds: Record<string, unknown>, news: Record<string, unknown>): boolean;
  /**
   * What to tell the user when the object reached a failure status (not a timeout) after create: by default, replace it.
   * A kind whose replacement cannot help (an accepter of a connection that can no longer be answered) says what can.
   */
  failedStatusAdvice?: string;
}
