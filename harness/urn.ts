// Resource URNs as the engine builds them (resource.NewURN via deployment.generateURN).

export const STACK_TYPE = "pulumi:pulumi:Stack";

function qualifiedType(urn: string): string {
  return urn.split("::")[2] ?? "";
}

export function makeUrn(stack: string, project: string, parent: string, type: string, name: string): string {
  // deployment.generateURN: the root stack is not part of its children's qualified types.
  let qualified = type;
  if (parent && qualifiedType(parent) !== STACK_TYPE) qualified = `${qualifiedType(parent)}$${type}`;
  return `urn:pulumi:${stack}::${project}::${qualified}::${name}`;
}
