import { defaultChainRegion } from "./aws-clients";
import { checkFields, formatFailures } from "./check";
import type { CheckFailure, CheckResult } from "./check";
import { COMMON_FIELDS } from "./common-fields";
import { consistencyWindowMs, lookUntilVisible } from "./consistency";
import { diffFields } from "./diff";
import { formatDuration, parseDuration } from "./durations";
import { InputError, NotFoundError, ResourceInitError } from "./errors";
import type { FieldSet } from "./fields";
import { TAKEOVER_KEY, takeoverMarkerOf, wasTakenOverFrom } from "./handover";
import { IDENTITY_KEY } from "./identity";
import { resourceLabel } from "./label";
import { notice, progress } from "./progress";
import type { ResourceContext, ResourceSpec, Timeouts } from "./spec";
import { trace } from "./trace";
import { containsUnknown, isUnknown } from "./unknown";
import { deepEqual, withoutUndefined } from "./values";
import { alternatives, lookThrough, UnexpectedStatusError, waitFor, WaitTimeoutError } from "./wait";
import type { Observation } from "./wait";

/**
 * The generic runtime: everything a dynamic provider does, for any resource spec. Per-resource code only declares
 * fields and AWS calls; invariants (validate before any call, never lose an id, not-found on delete is success, outputs
 * echo inputs) are kept here, in one place.
 */
type Props = Record<string, unknown>;
// Specs are stored by kind in a registry of mixed object types; the lifecycle treats the AWS object as opaque.
type AnySpec = ResourceSpec<unknown>;

export function fieldsOf(spec: AnySpec): FieldSet {
  return { ...spec.fields, ...COMMON_FIELDS };
}

/** Computed outputs of every resource: the region the object lives in, whatever chose it. */
const CORE_OUTPUTS = ["region"] as const;

function computedOf(spec: AnySpec): string[] {
  return [...spec.outputs, ...CORE_OUTPUTS];
}

/** The field rules alone: what create and update check again before any call. */
function checkInputs(spec: AnySpec, news: Props): CheckResult {
  return checkFields(fieldsOf(spec), spec.rules ?? [], news, spec.typeName, computedOf(spec));
}

/** What the engine's check gets: the field rules, and whether a region can be found (`olds`: the old inputs, if any). */
export async function check(spec: AnySpec, news: Props, olds: Props = {}): Promise<CheckResult> {
  const result = checkInputs(spec, news);
  if (result.failures.some((f) => f.property === "aws" || f.property.startsWith("aws."))) return result;
  const missing = await missingRegion(spec, result.inputs, olds);
  if (missing) result.failures.push(missing);
  return result;
}

export interface EngineDiff {
  changes: boolean;
  replaces: string[];
  deleteBeforeReplace: boolean;
}

export function diff(spec: AnySpec, id: string, olds: Props, news: Props): EngineDiff {
  const [regionBefore, regionAfter] = withEffectiveRegion(olds, news);
  const [before, after] = spec.diffBaseline?.(regionBefore, regionAfter) ?? [regionBefore, regionAfter];
  const result = diffFields(fieldsOf(spec), before, after);
  const replaces = [...result.replaces];
  // adoptId naming a different object than the one in state replaces: that one is taken over, this one deleted.
  const adoptId = news.adoptId;
  if (adoptId !== undefined && adoptId !== null && (isUnknown(adoptId) || adoptId !== id) && !replaces.includes("adoptId")) {
    replaces.push("adoptId");
  }
  const label = resourceLabel(spec, news, olds);
  if (replaces.length > 0 && adoptId === id) {
    // The replacement's create would adopt this same object, and the engine would then delete it as the old one.
    throw new InputError(
      `${label} (${id}): adoptId: remove adoptId before changing ${replaces.join(", ")}, ` +
        "which replaces the object: with adoptId still naming it, the replacement would take over the same object and then delete it",
    );
  }
  // Diff runs for a preview as well as before an update: the line says what will happen, not what did.
  if (replaces.length > 0) notice(`${label} (${id}) will be replaced: ${replaces.join(", ")} cannot change in place`);
  // Given even without replaces: `pulumi up --replace` asks for a replacement the diff did not find.
  const deleteBeforeReplace = spec.deleteBeforeReplace?.(before, after) ?? false;
  return { changes: result.changes || replaces.length > 0, replaces, deleteBeforeReplace };
}

/**
 * Every call needs a region. Without one the SDK fails only at create, with its bare "Region is missing"; check fails
 * at preview instead, naming the ways to give one. The region is found as the calls will find it: `aws.region`, the
 * one the inputs imply (e.g. the local domain's), else the SDK's own default chain, read with the loader of the kind's
 * own SDK client package (AWS_REGION, then the profile's region in the shared files). Values still unknown (preview)
 * are judged once known: the engine checks again before create.
 */
export const NO_REGION =
  "no region to act in: set aws.region, or AWS_REGION in the environment, or a region for the profile (aws.profile, " +
  'else AWS_PROFILE, else "default") in the shared config file (~/.aws/config, or AWS_CONFIG_FILE). ' +
  "AWS_DEFAULT_REGION alone is not enough: the AWS SDK for JavaScript does not read it";

async function missingRegion(spec: AnySpec, inputs: Props, olds: Props): Promise<CheckFailure | undefined> {
  // A resource already in state (the engine's olds are its old inputs) was made somewhere: its calls use the region
  // recorded in its outputs, which check does not see, so a program that no longer sets one keeps working.
  if (Object.keys(olds).length > 0) return undefined;
  const aws = inputs.aws;
  if (containsUnknown(aws)) return undefined;
  const settings = (aws ?? {}) as { region?: string; profile?: string };
  if (settings.region) return undefined;
  if (spec.defaultRegion && containsUnknown(inputs)) return undefined;
  if (spec.defaultRegion?.(inputs)) return undefined;
  if (await defaultChainRegion(spec.sdkPackage, settings.profile)) return undefined;
  return { property: "aws.region", reason: NO_REGION };
}

/**
 * The region is part of an object's identity, but `aws.region` may be unset (the default chain chose it). Compare the
 * region the object is recorded in with the one the inputs name: adding an explicit `aws.region` equal to where the
 * object is changes nothing, and leaving it unset keeps the object where it is.
 */
function withEffectiveRegion(olds: Props, news: Props): [Props, Props] {
  const oldAws = (olds.aws ?? {}) as Props;
  const recorded = oldAws.region ?? olds.region;
  if (typeof recorded !== "string" || isUnknown(news.aws)) return [olds, news];
  const newAws = (news.aws ?? {}) as Props;
  const before = { ...olds, aws: { ...oldAws, region: recorded } };
  const after = { ...news, aws: { ...newAws, region: newAws.region ?? recorded } };
  return [before, after];
}

export async function create(spec: AnySpec, given: Props): Promise<{ id: string; outs: Props }> {
  const inputs = validInputs(spec, given);
  const ctx = contextFor(spec, inputs);
  // One deadline for the whole create: the post-create step and the wait share `timeouts.create`.
  const deadline = Date.now() + ctx.timeouts.create;
  // A spec whose create takes over what exists anyway treats adoptId as a statement of intent: its create runs either
  // way, so a forced replacement (delete first, then create with adoptId still set) makes the object again.
  const adoptId = typeof inputs.adoptId === "string" && !spec.createTakesOverExisting ? inputs.adoptId : undefined;
  // Validated, defaults applied: from here on an AWS object may exist, and every error must keep its id.
  const made = adoptId ? await adopt(spec, ctx, adoptId, inputs) : await spec.create({ ...ctx, allowance: { timeoutMs: ctx.timeouts.create, deadline } }, inputs);
  // The create's answer, when it describes the object, stands for the look that would otherwise follow at once.
  const { id, object: answer } = typeof made === "string" ? { id: made, object: undefined } : made;
  progress(`${ctx.label}: ${adoptId ? "adopted" : "created"} ${id}`);
  trace("created", spec.kind, id);
  // Settings the create call cannot take (e.g. a MACsec encryption mode) and steps such as accepting a connection are
  // applied as an update of what was made, or adopted (whose settings were checked to match, so only steps remain).
  const reconcile = () => reconcileAfterCreate(spec, ctx, id, inputs, deadline, answer);
  const marker = takeoverMarkerOf(spec.kind, id);
  const observed = await keepingMarker(marker, () =>
    waitUntilStable(spec, ctx, id, inputs, { timeoutMs: ctx.timeouts.create, deadline }, "create", reconcile),
  );
  return { id, outs: withMarker(marker, outputsFor(spec, ctx, inputs, observed.value)) };
}

/**
 * The marker a create left on an object it took over (provider/core/handover.ts) stays in the resource's outputs for
 * its whole life (create, update, refresh, and the outputs of an init error or a partial update): without it, the
 * resource's own delete would take the object for a newer resource's and leave it behind.
 */
function withMarker(marker: unknown, outputs: Props): Props {
  return marker === undefined ? outputs : { ...outputs, [TAKEOVER_KEY]: marker };
}

async function keepingMarker<T>(marker: unknown, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    if (marker !== undefined && error instanceof ResourceInitError) {
      throw new ResourceInitError(error.id, withMarker(marker, error.properties), error.message);
    }
    throw error;
  }
}

export async function read(spec: AnySpec, id: string, props: Props): Promise<{ id?: string; props: Props; inputs?: Props }> {
  const previous = inputsOf(spec, props);
  const ctx = contextFor(spec, previous, props);
  const object = await spec.find(ctx, id);
  if (object === undefined || spec.isGone(object, previous)) return { id: undefined, props: {} };
  // The identity stays in the inputs a refresh records, as in the outputs: later messages name the resource by it.
  const inputs = withoutUndefined({ ...previous, [IDENTITY_KEY]: props[IDENTITY_KEY], ...spec.actualSettings(object, previous) });
  // The marker stays as the create recorded it: read from the object, an old resource would claim a newer one's marker.
  return { id, props: withMarker(props[TAKEOVER_KEY], outputsFor(spec, ctx, inputs, object)), inputs };
}

export async function update(spec: AnySpec, id: string, olds: Props, given: Props): Promise<{ outs: Props }> {
  const news = validInputs(spec, given);
  const ctx = contextFor(spec, news, olds);
  const current = await spec.find(ctx, id);
  if (current === undefined || spec.isGone(current, news)) {
    throw new NotFoundError(
      `${ctx.label} (${id}) no longer exists in AWS: it was deleted outside Pulumi. ` +
        "Run `pulumi refresh` to drop it from state, then `pulumi up` to create it again.",
    );
  }
  const deadline = Date.now() + ctx.timeouts.update;
  const marker = olds[TAKEOVER_KEY];
  try {
    await spec.update?.({ ...ctx, allowance: { timeoutMs: ctx.timeouts.update, deadline } }, id, olds, news, current);
  } catch (error) {
    throw await keepingMarker(marker, async () => {
      throw await partialUpdateError(spec, ctx, id, olds, news, current, error);
    });
  }
  // Also resumes a create whose wait failed earlier: the engine updates a resource with init errors even without changes.
  const observed = await keepingMarker(marker, () => waitUntilStable(spec, ctx, id, news, { timeoutMs: ctx.timeouts.update, deadline }, "update"));
  return { outs: withMarker(marker, outputsFor(spec, ctx, news, observed.value)) };
}

export async function remove(spec: AnySpec, id: string, props: Props): Promise<void> {
  const inputs = inputsOf(spec, props);
  const ctx = contextFor(spec, inputs, props);
  if (wasTakenOverFrom(spec.kind, id, props[TAKEOVER_KEY])) {
    progress(`${ctx.label} (${id}): left in place, its replacement took it over`);
    return;
  }
  const current = await spec.find(ctx, id);
  if (current === undefined || spec.isGone(current, inputs)) return;
  const marker = spec.takeoverMarkerOn?.(current);
  if (marker !== undefined && marker !== props[TAKEOVER_KEY]) {
    progress(`${ctx.label} (${id}): left in place, a newer resource took it over`);
    return;
  }
  const before = spec.status(current).status;
  if (spec.deletedStatuses?.includes(before)) return;
  if (!spec.deletingStatuses.includes(before)) {
    try {
      await spec.delete(ctx, id, current);
    } catch (error) {
      if (error instanceof NotFoundError) return;
      throw error;
    }
  }
  progress(`${ctx.label} (${id}): deleting`);
  const stillThere = (object: unknown): Observation<unknown> | undefined => {
    if (object === undefined || spec.isGone(object, inputs)) return undefined;
    const observed = spec.status(object);
    return spec.deletedStatuses?.includes(observed.status) ? undefined : observed;
  };
  const source = spec.pollSource?.(ctx, id);
  await waitFor({
    what: `${ctx.label} (${id}) to be deleted`,
    // The status from before the delete may linger for a moment (eventual consistency).
    pending: [...spec.deletingStatuses, before],
    target: [],
    notFoundIsTarget: true,
    timeoutMs: ctx.timeouts.delete,
    observe: async () => stillThere(await spec.find(ctx, id)),
    lookShared: source && lookThrough(source, id, stillThere),
  });
}

/**
 * A failed object is made again by a replacement. `pulumi up --replace` works for every kind on the real engine (the
 * kinds whose old and new objects cannot coexist are delete-before-replace by default, sdk/core/dynamic-provider.ts).
 */
const REPLACE_ADVICE =
  "fix the cause, then replace it: `pulumi up --replace <urn>` (`pulumi stack --show-urns` lists the URNs), or change a replace-only input";

/**
 * Waits for the spec's stable statuses; any failure after the object exists keeps its id in state (init error).
 * `before` runs first (the post-create step) and may give the object as it last saw it, so the wait does not begin
 * with a look that would only repeat it.
 */
async function waitUntilStable(
  spec: AnySpec,
  ctx: ResourceContext,
  id: string,
  inputs: Props,
  time: { timeoutMs: number; deadline: number },
  step: "create" | "update",
  before?: () => Promise<unknown>,
): Promise<Observation<unknown>> {
  let last: Observation<unknown> | undefined;
  // What a look found, as the wait judges it; `last` keeps the latest object for the partial outputs of a failure.
  const judge = (object: unknown): Observation<unknown> | undefined => {
    last = object === undefined ? last : spec.status(object);
    return last && object !== undefined ? last : undefined;
  };
  try {
    const seen = await before?.();
    const target = spec.stable(inputs, step);
    const source = spec.pollSource?.(ctx, id);
    const observed = await waitFor({
      ...target,
      what: `${ctx.label} (${id}) to become ${alternatives(target.target)}`,
      timeoutMs: time.timeoutMs,
      deadlineAt: time.deadline,
      // A new or just changed object may be invisible for a while (eventual consistency): not-found is tolerated for
      // the consistency window, not only for a few polls, whether the looks are its own or the shared poller's.
      notFoundForMs: consistencyWindowMs(),
      initial: seen === undefined ? undefined : judge(seen),
      observe: async () => judge(await spec.find(ctx, id)),
      lookShared: source && lookThrough(source, id, judge),
    });
    if (!observed) throw new Error(`${ctx.label} (${id}) was not found after ${step}`);
    trace("stable", spec.kind, id, observed.status);
    return observed;
  } catch (error) {
    const reason = (error instanceof Error ? error.message : String(error)).replace(/\.+$/, "");
    // The failure may come before the wait saw anything (e.g. in the post-create step): look once, so state still
    // records the object's status and, above all, its region.
    const seen = last?.value ?? (await spec.find(ctx, id).catch(() => undefined));
    const partial = seen !== undefined ? outputsFor(spec, ctx, {}, seen) : withoutUndefined({ region: ctx.aws.region });
    // Only a failure status the object reached is final: replacing is then the way out. Anything else (a timeout, an
    // AWS error such as throttling or a refused role, an object not visible yet) is resumed by a plain `pulumi up`, and
    // replacing would delete and re-make a working object.
    // (A wait that lost sight of its object ends with a pending status as its last observation: not a failure.)
    const settled = spec.stable(inputs, step);
    const reachedFailure = error instanceof UnexpectedStatusError && error.last !== undefined && !settled.pending.includes(error.last.status);
    const next = reachedFailure
      ? (spec.failedStatusAdvice ?? REPLACE_ADVICE)
      : error instanceof WaitTimeoutError
        ? `the next \`pulumi up\` resumes the ${step}`
        : `fix the cause if it persists, then run \`pulumi up\`: it resumes the ${step} (no replacement needed)`;
    throw new ResourceInitError(id, { ...inputs, ...partial }, `${reason}. ${id} is kept in state so it is not lost; ${next}.`);
  }
}

/**
 * A failed in-place change that changed nothing in AWS is an ordinary error: the engine keeps the old outputs, so state
 * never claims a change that did not happen. One that failed half-way (a rename applied, then TagResource refused) must
 * not lose what AWS now has: it is reported as the engine's partial failure (ResourceInitError), whose outputs record
 * the changes AWS made and the old values of the rest, so the next `pulumi up` sees what is still to do and does it.
 */
async function partialUpdateError(spec: AnySpec, ctx: ResourceContext, id: string, olds: Props, news: Props, before: unknown, error: unknown): Promise<unknown> {
  const after = await spec.find(ctx, id).catch(() => undefined);
  if (after === undefined) return error;
  const was = spec.actualSettings(before, news);
  const now = spec.actualSettings(after, news);
  const applied = Object.keys(now).filter((key) => !deepEqual(was[key], now[key]));
  if (applied.length === 0) return error;
  const recorded: Props = { ...news };
  for (const key of Object.keys(now)) recorded[key] = applied.includes(key) ? now[key] : olds[key];
  const reason = (error instanceof Error ? error.message : String(error)).replace(/\.+$/, "");
  // Field names only: their values may be secret (the engine keeps secret inputs' outputs secret by name).
  return new ResourceInitError(
    id,
    withoutUndefined({ __provider: news.__provider, ...outputsFor(spec, ctx, recorded, after) }),
    `${reason}. AWS applied ${applied.join(", ")} before that, and state records it; the next \`pulumi up\` applies the rest`,
  );
}

/**
 * The post-create step; resolves with the object as last seen when that is still how it is (the create's answer, or
 * the look made here, when the update changed nothing or answered with the object), else undefined.
 */
async function reconcileAfterCreate(spec: AnySpec, ctx: ResourceContext, id: string, inputs: Props, deadline: number, answer: unknown): Promise<unknown> {
  if (!spec.update) return answer;
  // Just made: without the create's answer in hand, it may take a while to show (eventual consistency).
  const current = answer ?? (await lookUntilVisible(() => spec.find(ctx, id)));
  // Thrown inside the init-error guard: the id stays in state and the next up applies the settings.
  if (current === undefined) throw new Error(`${ctx.label} (${id}) was not visible in AWS for ${formatDuration(consistencyWindowMs())} after the create, so its remaining settings are not applied yet`);
  const asMade = { ...inputs, ...spec.actualSettings(current, inputs) };
  // Still the create: its waits share the create's deadline.
  const after = await spec.update({ ...ctx, allowance: { timeoutMs: ctx.timeouts.create, deadline } }, id, asMade, inputs, current);
  return after === "unchanged" ? current : (after ?? undefined);
}

async function adopt(spec: AnySpec, ctx: ResourceContext, id: string, inputs: Props): Promise<string> {
  const object = await spec.find(ctx, id);
  if (object === undefined || spec.isGone(object, inputs)) {
    throw new InputError(`${ctx.label}: adoptId: ${id} does not exist in this account and region, so it cannot be adopted`);
  }
  const actual = spec.actualSettings(object, inputs);
  // Named, not quoted: an input may be secret, and AWS's value of it is as sensitive.
  const differing = Object.keys(spec.fields).filter((key) => key in actual && !deepEqual(actual[key], inputs[key]));
  if (differing.length > 0) {
    throw new InputError(
      `${ctx.label}: adoptId: ${id} differs from the inputs in ${differing.join(", ")}. ` +
        "Make the inputs match what AWS has (the AWS console or CLI shows it), then run again.",
    );
  }
  return id;
}

/** The engine always checks before create and update; checking again costs nothing and guards direct callers. */
function validInputs(spec: AnySpec, given: Props): Props {
  const { inputs, failures } = checkInputs(spec, given);
  if (failures.length > 0) throw new InputError(formatFailures(spec.typeName, failures));
  return inputs;
}

/**
 * `recorded` are the outputs in state, when there are some: an object made in the default chain's region is looked for
 * there later, even if AWS_REGION or the profile now point elsewhere (a delete there would "succeed" on nothing).
 */
function contextFor(spec: AnySpec, inputs: Props, recorded?: Props): ResourceContext {
  const timeouts = (inputs.timeouts ?? {}) as Partial<Record<keyof Timeouts, string>>;
  const pick = (key: keyof Timeouts) => (typeof timeouts[key] === "string" ? parseDuration(timeouts[key] as string) : spec.defaultTimeouts[key]);
  const aws = { ...((inputs.aws ?? {}) as ResourceContext["aws"]) };
  if (aws.region === undefined && typeof recorded?.region === "string") aws.region = recorded.region;
  if (aws.region === undefined) aws.region = spec.defaultRegion?.(inputs);
  return {
    aws,
    timeouts: { create: pick("create"), update: pick("update"), delete: pick("delete") },
    label: resourceLabel(spec, inputs, recorded),
  };
}

/** Outputs echo the inputs (diff and update receive old outputs, not old inputs) plus the declared computed fields. */
function outputsFor(spec: AnySpec, ctx: ResourceContext, inputs: Props, object: unknown): Props {
  // The identity (it names the resource for create tokens) is echoed too: read and delete get only the outputs, and
  // their messages name the resource by it. Diff compares declared fields only, so it never shows as a change.
  const { __provider: _provider, ...rest } = inputs;
  const computed: Props = { ...spec.toOutputs(object), region: spec.regionOf(object, ctx) ?? ctx.aws.region };
  const declared = computedOf(spec);
  const outputs: Props = { ...rest };
  for (const key of declared) outputs[key] = computed[key];
  return withoutUndefined(outputs);
}

function inputsOf(spec: AnySpec, props: Props): Props {
  const fields = fieldsOf(spec);
  const inputs: Props = {};
  for (const key of Object.keys(fields)) if (props[key] !== undefined) inputs[key] = props[key];
  return inputs;
}
