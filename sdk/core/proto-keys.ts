import * as pulumi from "@pulumi/pulumi";

/**
 * Refuses input objects that Pulumi's serialization would silently change: objects with an own key `__proto__` (what
 * `JSON.parse` of a config file makes from `"__proto__": …`), and objects that inherit fields from another plain object
 * (what such a key becomes once a value is copied by assignment).
 *
 * Why: @pulumi/pulumi (3.270, runtime/rpc.js `serializeProperty`, output.js `outputRec`) copies every input object
 * key by key with `obj[k] = v`. For k = "__proto__" that sets the copy's prototype instead of adding a key: a string
 * value (a tag) vanishes, an object value's fields are then sent as the object's own fields (google-protobuf's
 * `Struct.fromJavaScript` reads inherited ones too), so `localDomain: {domainName, "__proto__": {ownerId}}` would reach
 * AWS with that ownerId. A plain `pulumi.dynamic.Resource` does the same, so no input of this package can carry such a
 * key: it is refused, naming the field and never its value (values may be secret).
 *
 * Values the program can see now are checked at once, so the constructor throws before anything is registered.
 * Outputs and promises are checked when they resolve, inside the value the engine is then sent: the registration
 * fails with the same message and nothing reaches the provider. Out of reach: a `"__proto__"` key with a string value
 * that the program itself copied by assignment (`Object.assign`, `pulumi.output`, `pulumi.secret`) before this sees it,
 * because such a copy keeps no trace of it.
 */
const PROTO = "__proto__";

export function refuseProtoKeys(resource: string, props: pulumi.Inputs): pulumi.Inputs {
  return guardObject(props, "", resource) ?? props;
}

function guard(value: unknown, path: string, resource: string): unknown {
  if (pulumi.Output.isInstance(value)) return value.apply((resolved: unknown) => guard(resolved, path, resource));
  if (value instanceof Promise) return value.then((resolved: unknown) => guard(resolved, path, resource));
  if (Array.isArray(value)) {
    const items: unknown[] = value.map((item: unknown, i) => guard(item, `${path}[${i}]`, resource));
    return items.every((item, i) => item === value[i]) ? value : items;
  }
  if (value === null || typeof value !== "object" || pulumi.Resource.isInstance(value)) return value;
  return guardObject(value, path, resource) ?? value;
}

/** Undefined when nothing inside needed wrapping, else a copy whose Outputs and promises are wrapped. */
function guardObject(value: object, path: string, resource: string): Record<string, unknown> | undefined {
  if (Object.prototype.hasOwnProperty.call(value, PROTO)) throw new Error(ownKeyMessage(resource, join(path, PROTO)));
  if (inheritsFromDataObject(value)) throw new Error(inheritedMessage(resource, path));
  // Own enumerable keys, as Pulumi's serialization reads them.
  const entries: [string, unknown][] = Object.entries(value);
  let changed = false;
  const guarded = entries.map(([key, before]): [string, unknown] => {
    const after = guard(before, join(path, key), resource);
    changed ||= after !== before;
    return [key, after];
  });
  // No key is "__proto__" (refused above), and fromEntries defines keys rather than assigning them anyway.
  return changed ? Object.fromEntries(guarded) : undefined;
}

/**
 * An object whose prototype is itself a plain data object (not `Object.prototype`, not null, not a class's prototype,
 * which has its own `constructor`): the shape a `"__proto__": {…}` key takes after a copy by assignment. Pulumi sends own
 * keys only, so the inherited fields would be dropped.
 */
function inheritsFromDataObject(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto === null || proto === Object.prototype || Array.isArray(value) || typeof proto !== "object") return false;
  const above: unknown = Object.getPrototypeOf(proto);
  return (above === Object.prototype || above === null) && !Object.prototype.hasOwnProperty.call(proto, "constructor");
}

function join(path: string, key: string): string {
  return path === "" ? key : `${path}.${key}`;
}

const CANNOT_CARRY =
  "Pulumi's serialization of inputs cannot carry a key named \"__proto__\": it copies objects by assignment, which makes " +
  "that key the copy's prototype, so a string value would be dropped and an object's fields sent as other fields";

function ownKeyMessage(resource: string, path: string): string {
  const isTag = /^tags\.__proto__$/.test(path);
  const subject = isTag ? 'AWS accepts "__proto__" as a tag key, but ' : "";
  const remedy = isTag ? "use another tag key" : "remove the key (JSON.parse of a config file creates it)";
  return `${resource}: ${path}: ${subject}${CANNOT_CARRY}; ${remedy}`;
}

function inheritedMessage(resource: string, path: string): string {
  const field = path === "" ? "the inputs" : path;
  return (
    `${resource}: ${field}: this object inherits fields from another plain object, which is what a "__proto__" key becomes ` +
    "when a value is copied by assignment (Object.assign, pulumi.output, pulumi.secret, Config.requireSecretObject); " +
    `${CANNOT_CARRY}, and it sends own fields only. Remove the "__proto__" key from the source value`
  );
}
