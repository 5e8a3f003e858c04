import * as fs from "fs";

/**
 * Every live descendant of `root` (children, grandchildren...), read from /proc. Why: the Pulumi CLI starts each plugin
 * (the dynamic-provider host among them) in a process group of its own, so a signal to the CLI's group does not reach
 * them; a test that means "the machine died" must kill them too, and must collect them before the CLI dies (its
 * children are then re-parented and can no longer be told apart).
 */
export function descendantsOf(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const parent = parentOf(Number(entry));
    if (parent === undefined) continue;
    children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
  }
  const found: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    for (const child of children.get(queue.shift()!) ?? []) {
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

function parentOf(pid: number): number | undefined {
  try {
    // /proc/<pid>/stat: "pid (comm) state ppid ...", where comm may hold spaces and parentheses: parse after the last ")".
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return Number(fields[1]);
  } catch {
    return undefined; // gone meanwhile
  }
}

/** Sends `signal` to `root`'s process group and to every descendant, collected first. */
export function killTree(root: number, signal: NodeJS.Signals): void {
  const descendants = descendantsOf(root);
  for (const target of [-root, root, ...descendants]) {
    try {
      process.kill(target, signal);
    } catch {
      // already gone
    }
  }
}
