// Deletes: the DeleteStep itself, and which deletes an update ends with — old instances pending delete after a
// create-before-delete replacement, and resources the program no longer declares (GenerateDeletes + ScheduleDeletes).
import type { ProviderHost } from "./host";
import { diffLines, type StepOp } from "./display";
import type { StateResource } from "./state";
import { errorMessage, type Deployment } from "./deployment";

/**
 * A DeleteStep. `replacing`: part of a replacement (not a logical step, protect does not apply);
 * `pendingReplacement`: the entry stays in state marked as deleted-awaiting-its-replacement.
 * Without a `host`, the deployment's host is started only if the provider has to be called.
 */
export async function deleteResource(
  d: Deployment,
  host: ProviderHost | undefined,
  res: StateResource,
  opts: { replacing: boolean; pendingReplacement: boolean; op?: StepOp },
): Promise<void> {
  const op = opts.op ?? "delete";
  const physical = opts.replacing ? ("delete-replaced" as const) : undefined;
  if (!opts.replacing && res.protect) {
    throw d.fail(
      res,
      op,
      `resource "${res.urn}" cannot be deleted\nbecause it is protected. To unprotect the resource, remove the \`protect\` flag from the resource in your Pulumi program and run \`pulumi up\``,
    );
  }
  if (!d.preview && res.custom && !res.retainOnDelete) {
    try {
      const h = host ?? (await d.host());
      await h.delete(res.urn, res.id ?? "", res.outputs, res.inputs);
    } catch (e) {
      throw d.fail(res, op, `${res.urn}: ${errorMessage(e)}`, { id: res.id, physical });
    }
  }
  if (!d.preview) {
    if (opts.pendingReplacement) res.pendingReplacement = true;
    else d.retired.add(res);
    d.save();
  }
  d.record({ urn: res.urn, type: res.type, name: res.name, op, id: res.id, diffKeys: [], replaceKeys: [], physical }, {
    diff: physical ? [] : diffLines(res.inputs, {}),
  });
}

/**
 * Drops an entry whose object a delete-before-replace already deleted and whose replacement will not come (the
 * program no longer declares it, or the stack is destroyed): it leaves the state without a provider call.
 */
export function dropPendingReplacement(d: Deployment, res: StateResource): void {
  if (!d.preview) {
    d.retired.add(res);
    d.save();
  }
  d.record({ urn: res.urn, type: res.type, name: res.name, op: "delete", diffKeys: [], replaceKeys: [], physical: "remove-pending-replace" });
}

/** GenerateDeletes + ScheduleDeletes: pending deletes and resources the program no longer declares, in reverse order. */
export async function generateDeletes(d: Deployment): Promise<void> {
  const condemned: { res: StateResource; kind: "delete" | "delete-replaced" | "remove-pending-replace" }[] = [];
  for (const res of d.olds) {
    if (d.retired.has(res)) continue;
    if (res.pendingDelete) condemned.push({ res, kind: "delete-replaced" });
    else if (!d.registered.has(res.urn)) {
      // A preview deletes nothing, so it sees this run's delete-before-replace deletes in deletedThisRun only.
      const pendingReplacement = res.pendingReplacement || (d.preview && d.deletedThisRun.has(res));
      condemned.push({ res, kind: pendingReplacement ? "remove-pending-replace" : "delete" });
    }
  }
  for (const c of condemned.reverse()) {
    if (c.kind === "remove-pending-replace") dropPendingReplacement(d, c.res);
    else await deleteResource(d, undefined, c.res, { replacing: c.kind === "delete-replaced", pendingReplacement: false });
  }
}
