#!/usr/bin/env python3
"""CPU and RSS of one process over a window, the same way bench/loadgen/Bench.java measures them.

Usage: procwatch.py PID OUT.json   (runs until SIGTERM or SIGINT, or until the process ends; then writes OUT.json)

cpu_cores is (utime + stime) of /proc/PID/stat over the window divided by the window's wall time, i.e. the cores the
process kept busy on average; rss_peak_mib is the highest VmRSS of /proc/PID/status sampled every 100 ms, rss_end_mib
the last one.
"""
import json
import os
import signal
import sys
import time

CLK_TCK = os.sysconf("SC_CLK_TCK")


def ticks(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of stat)


def rss_kb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def main():
    pid, out = int(sys.argv[1]), sys.argv[2]
    stop = []
    signal.signal(signal.SIGTERM, lambda *_: stop.append(1))
    signal.signal(signal.SIGINT, lambda *_: stop.append(1))
    start, t0 = ticks(pid), time.monotonic()
    peak = end = rss_kb(pid)
    last_ticks = start
    while not stop:
        try:
            end = rss_kb(pid)
            last_ticks = ticks(pid)
        except (FileNotFoundError, ProcessLookupError):
            break
        peak = max(peak, end)
        time.sleep(0.1)
    try:
        last_ticks = ticks(pid)
        end = rss_kb(pid)
        peak = max(peak, end)
    except (FileNotFoundError, ProcessLookupError):
        pass
    wall = time.monotonic() - t0
    cpu = (last_ticks - start) / CLK_TCK
    with open(out, "w") as f:
        json.dump({"cpu_cores": round(cpu / wall, 3) if wall > 0 else None, "cpu_seconds": round(cpu, 2),
                   "wall_seconds": round(wall, 2), "rss_peak_mib": round(peak / 1024, 1),
                   "rss_end_mib": round(end / 1024, 1)}, f)


if __name__ == "__main__":
    main()
