// Objects that a create took over as they were, rather than made: an accepter finding its connection already answered
// its way, an attachment finding its pair already attached, a Direct Connect create finding the port its own earlier
// create ordered (same create token: an interrupted create, or the object being replaced by `pulumi up --replace`).
// Such an object now belongs to the new resource; the old resource's delete (the old half of a create-before-delete
// replacement: `pulumi up --replace`, `replaceOnChanges` and taint never ask the diff) must leave it alone, or the
// replacement would end with nothing.
//
// Two records say so. In this host: the engine runs one dynamic-provider host per operation and sends a replacement's
// create before the old resource's delete, so the delete sees what the create recorded. On the object, for kinds that
// can carry one (Direct Connect tags): a marker naming the taking-over create, which the new resource keeps in its
// outputs (TAKEOVER_KEY); a delete whose outputs hold another marker, or none, belongs to an older resource and leaves
// the object alone, whichever host runs it and whenever.
const takenOver = new Map<string, string | undefined>();

/** The output holding the marker a create left on the object it took over. */
export const TAKEOVER_KEY = "__takeoverMarker";

function keyOf(kind: string, id: string): string {
  return `${kind}\u0000${id}`;
}

/** Records that a create of kind `kind` took over the existing object `id`, leaving `marker` on it if it could. */
export function recordTakeover(kind: string, id: string, marker?: string): void {
  takenOver.set(keyOf(kind, id), marker);
}

/**
 * Whether a create in this host took over object `id` of kind `kind` from the resource whose outputs hold `marker`:
 * its delete then belongs to that older resource only. A resource holding the marker the create left is the new one.
 */
export function wasTakenOverFrom(kind: string, id: string, marker: unknown): boolean {
  const key = keyOf(kind, id);
  return takenOver.has(key) && (takenOver.get(key) === undefined || takenOver.get(key) !== marker);
}

/** The marker a create in this host left on object `id`, to keep in the new resource's outputs. */
export function takeoverMarkerOf(kind: string, id: string): string | undefined {
  return takenOver.get(keyOf(kind, id));
}
