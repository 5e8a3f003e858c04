import * as fs from "fs";

/**
 * The peak resident memory of the Node.js dynamic-provider host(s) the CLI starts (`.../cmd/dynamic-provider`), from
 * Linux's /proc (VmHWM: the process's own high-water mark), sampled every 100 ms so a host that exits is still seen.
 * Only hosts whose environment holds `marker` count (other stacks may run on the machine). Returns KiB; 0 where
 * /proc does not exist.
 */
export function watchHostPeakRss(marker: string): { stop(): number } {
  let peak = 0;
  const sample = () => {
    let pids: string[];
    try {
      pids = fs.readdirSync("/proc").filter((name) => /^\d+$/.test(name));
    } catch {
      return;
    }
    for (const pid of pids) {
      try {
        const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8");
        if (!cmdline.includes("dynamic-provider") || !fs.readFileSync(`/proc/${pid}/environ`, "utf8").includes(marker)) continue;
        const hwm = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
        if (hwm) peak = Math.max(peak, Number(hwm[1]));
      } catch {
        // The process ended between the listing and the read.
      }
    }
  };
  const timer = setInterval(sample, 100);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return peak;
    },
  };
}
