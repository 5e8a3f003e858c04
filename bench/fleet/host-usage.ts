import * as fs from "fs";

/** Linux's clock ticks per second for /proc/<pid>/stat's CPU times (`getconf CLK_TCK`: 100 on every Linux Node runs on). */
const CLOCK_TICKS_PER_S = 100;
/** How often the hosts already found are read, and how often /proc is searched for new ones. */
const READ_EVERY_MS = 20;
const SEARCH_EVERY_MS = 100;

/**
 * The peak resident memory and the CPU time of the Node.js dynamic-provider host(s) the CLI starts
 * (`.../cmd/dynamic-provider`), from Linux's /proc: VmHWM (the process's own high-water mark) and utime + stime (all
 * its threads). Hosts are found every 100 ms and read every 20 ms, so a host that exits is still seen, its CPU time
 * then at most 20 ms short (a lower bound). Only hosts whose environment holds `marker` count (other stacks may run on
 * the machine). Zeros where /proc does not exist.
 */
export function watchHost(marker: string): { stop(): { peakRssKiB: number; cpuS: number } } {
  let peak = 0;
  const cpuTicks = new Map<string, number>();
  const hosts = new Set<string>();
  const read = () => {
    for (const pid of hosts) {
      try {
        const hwm = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
        if (hwm) peak = Math.max(peak, Number(hwm[1]));
        // The fields after the command's closing parenthesis: utime and stime are the 12th and 13th of them.
        const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
        const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
        cpuTicks.set(pid, Number(fields[11]) + Number(fields[12]));
      } catch {
        hosts.delete(pid); // it has exited; what was read of it stays
      }
    }
  };
  const search = () => {
    let pids: string[];
    try {
      pids = fs.readdirSync("/proc").filter((name) => /^\d+$/.test(name) && !cpuTicks.has(name));
    } catch {
      return;
    }
    for (const pid of pids) {
      try {
        const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8");
        if (cmdline.includes("dynamic-provider") && fs.readFileSync(`/proc/${pid}/environ`, "utf8").includes(marker)) hosts.add(pid);
      } catch {
        // The process ended between the listing and the read.
      }
    }
    read();
  };
  const searching = setInterval(search, SEARCH_EVERY_MS);
  const reading = setInterval(read, READ_EVERY_MS);
  return {
    stop() {
      clearInterval(searching);
      clearInterval(reading);
      search();
      const ticks = [...cpuTicks.values()].reduce((a, b) => a + b, 0);
      return { peakRssKiB: peak, cpuS: ticks / CLOCK_TICKS_PER_S };
    },
  };
}
