import * as fs from "fs";
import * as path from "path";

/**
 * The file:// backend's one known way to break under a kill. Its storage, gocloud's fileblob, writes each file's
 * `.attrs` sidecar in place (os.Create, then the JSON: gocloud.dev blob/fileblob/attrs.go, setAttrs) before it renames
 * the new file into place. A kill between the two leaves an empty sidecar beside the previous, intact checkpoint, and
 * every later command fails with "failed to load checkpoint: EOF" (the sidecar's JSON is read first). Deleting the
 * empty sidecar is the whole repair (the sidecar holds only a content type and an MD5; a missing one is allowed).
 *
 * Removes every empty `.attrs` file under the backend of `stateFile` (`<backend>/.pulumi/stacks/<project>/<stack>.json`)
 * and returns their paths relative to the backend's `.pulumi` directory.
 */
export function removeEmptySidecars(stateFile: string): string[] {
  const root = path.resolve(path.dirname(stateFile), "..", "..");
  const removed: string[] = [];
  const visit = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(full);
      else if (entry.name.endsWith(".attrs") && fs.statSync(full).size === 0) {
        fs.rmSync(full);
        removed.push(path.relative(root, full));
      }
    }
  };
  visit(root);
  return removed;
}
