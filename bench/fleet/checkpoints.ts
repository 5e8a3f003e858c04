import * as fs from "fs";
import * as path from "path";

/**
 * What the engine writes to the file backend during one `pulumi up`: how many checkpoints, and their bytes in total.
 * Pulumi's file backend rewrites the whole stack checkpoint after every step (pkg/backend/snapshot.go, the snapshot
 * manager's defaultServiceLoop in v3.274.1), so N creates write about 2N checkpoints of up to N resources each: bytes
 * that grow as N², whatever a provider does (a provider sets only the bytes per resource). Measured, not computed:
 * every change of the checkpoint file is seen (fs.watch on its directory) and its size read at once. A write replaced
 * before it was read is missed, so the counts are lower bounds.
 */
export function watchCheckpoints(stateFile: string): { stop(): { writes: number; bytes: number } } {
  const dir = path.dirname(stateFile);
  const name = path.basename(stateFile);
  fs.mkdirSync(dir, { recursive: true });
  let writes = 0;
  let bytes = 0;
  let lastSeen = "";
  const sample = () => {
    try {
      const stat = fs.statSync(stateFile);
      // One write can raise several events (rename, change): count a version of the file once.
      const version = `${stat.mtimeMs}|${stat.size}|${stat.ino}`;
      if (version === lastSeen) return;
      lastSeen = version;
      writes++;
      bytes += stat.size;
    } catch {
      // Not written yet.
    }
  };
  const watcher = fs.watch(dir, (_event, file) => {
    if (file === name) sample();
  });
  return {
    stop() {
      watcher.close();
      sample();
      return { writes, bytes };
    },
  };
}
