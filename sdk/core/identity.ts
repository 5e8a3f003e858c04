import * as pulumi from "@pulumi/pulumi";

/**
 * The resource's identity as every process can rebuild it: dynamic providers receive no URN, but the SDK class knows
 * the organization, project, stack, its parent's URN and its own kind and name: together they name the resource as its
 * URN does (the organization tells apart two backends' stacks of the same name in one AWS account).
 * The provider derives deterministic create tokens from it, so a create retried after the CLI or the provider host died
 * finds what the dead process made instead of making a second object (issue 8).
 *
 * It is passed as the `__identity` input. Diff ignores it (it is no declared field), so renaming a stack or a project
 * changes nothing in AWS and shows no diff.
 */
export function resourceIdentity(kind: string, name: string, opts: pulumi.ResourceOptions | undefined): pulumi.Input<string> {
  const parent = opts?.parent;
  const organization = organizationOrNone();
  // A parent's URN already names the project and stack (and the parent's own chain).
  if (parent !== undefined) return pulumi.interpolate`${organization}/${parent.urn}/${kind}::${name}`;
  return `${organization}/${pulumi.getProject()}/${pulumi.getStack()}/${kind}::${name}`;
}

/** The organization, or "" where the engine names none (older CLIs, unit-test mocks without one): then it adds nothing. */
function organizationOrNone(): string {
  try {
    return pulumi.getOrganization();
  } catch {
    return "";
  }
}
