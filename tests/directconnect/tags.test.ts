import { strict as assert } from "assert";
import { tagChanges } from "../../provider/directconnect/tags";

describe("directconnect tag changes", () => {
  const cases: Array<{ name: string; actual: Record<string, string>; wanted: Record<string, string>; managed: Record<string, string>; set: string[]; remove: string[] }> = [
    { name: "nothing to do", actual: { a: "1" }, wanted: { a: "1" }, managed: { a: "1" }, set: [], remove: [] },
    { name: "a changed value is set, nothing else touched", actual: { a: "1", b: "2" }, wanted: { a: "9", b: "2" }, managed: { a: "1", b: "2" }, set: ["a"], remove: [] },
    { name: "a new key is set", actual: {}, wanted: { a: "1" }, managed: {}, set: ["a"], remove: [] },
    { name: "a key dropped from the program is removed", actual: { a: "1", b: "2" }, wanted: { a: "1" }, managed: { a: "1", b: "2" }, set: [], remove: ["b"] },
    { name: "a tag added outside Pulumi and not refreshed is left alone", actual: { a: "1", owner: "x" }, wanted: { a: "1" }, managed: { a: "1" }, set: [], remove: [] },
    { name: "the same tag after a refresh (now in state) is removed", actual: { a: "1", owner: "x" }, wanted: { a: "1" }, managed: { a: "1", owner: "x" }, set: [], remove: ["owner"] },
    { name: "keys named like Object.prototype members are ordinary keys", actual: { constructor: "x", toString: "y" }, wanted: {}, managed: { constructor: "x", toString: "y" }, set: [], remove: ["constructor", "toString"] },
    { name: "setting a key named constructor", actual: {}, wanted: { constructor: "x" }, managed: {}, set: ["constructor"], remove: [] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const changes = tagChanges(c.actual, c.wanted, c.managed);
      assert.deepEqual(changes.set.map((t) => t.key), c.set);
      assert.deepEqual(changes.remove, c.remove);
    });
  }
});
