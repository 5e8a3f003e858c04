// Objects that a create in this provider host took over as they were, rather than made: an accepter finding its
// connection already answered its way, an attachment finding its pair already attached. Such an object now belongs to
// the new resource; a delete of another resource with the same id later in the same engine run is the old half of a
// create-before-delete replacement (`pulumi up --replace`, `replaceOnChanges`, taint: the engine asks no diff then, so
// nothing can ask for delete-before-replace) and must leave the object alone, or the replacement would end with nothing.
//
// The engine runs one dynamic-provider host per operation and sends a replacement's create before the old resource's
// delete, so a record made by the create is seen by that delete, and by no later operation (a destroy runs in a fresh
// host). Known gap: if the host dies between the two, the next `up` deletes the old resource in a new host, which has
// no record (see README, "pulumi up --replace").
const takenOver = new Set<string>();

function keyOf(kind: string, id: string): string {
  return `${kind}\u0000${id}`;
}

/** Records that a create of kind `kind` took over the existing object `id`. */
export function recordTakeover(kind: string, id: string): void {
  takenOver.add(keyOf(kind, id));
}

/** Whether a create in this host took over object `id` of kind `kind`: its delete then belongs to the old resource only. */
export function wasTakenOver(kind: string, id: string): boolean {
  return takenOver.has(keyOf(kind, id));
}
