#!/usr/bin/env bash
# Where the time goes in a flight recording (BENCH_JFR=1 records every backend start of the benchmark scripts into
# bench/results/jfr/ or BENCH_JFR_DIR): the execution samples of `jfr print --events jdk.ExecutionSample`, aggregated
# into the hottest methods by self time (the top frame) and by total time (any library or application frame, counted
# once per sample), the first PACKAGE frame from the top of each sample (which of our code the time is spent for),
# and the samples per thread pool.
# Usage: bench/jfr-top.sh FILE.jfr [TOP=20] [PACKAGE=io.eventchat]
set -euo pipefail
FILE=${1:?usage: bench/jfr-top.sh FILE.jfr [TOP] [PACKAGE]}
TOP=${2:-20}
PACKAGE=${3:-io.eventchat}
jfr print --events jdk.ExecutionSample --stack-depth 64 "$FILE" | python3 -c '
import collections, re, sys
top, package = int(sys.argv[1]), sys.argv[2]
self_time, total_time, package_time, threads = (collections.Counter() for _ in range(4))
samples = 0
frames, thread, in_stack = [], None, False

def flush():
    global samples
    if not frames:
        return
    samples += 1
    self_time[frames[0]] += 1
    for method in set(frames):
        if not method.startswith(("java.", "jdk.", "sun.")):
            total_time[method] += 1
    mine = next((f for f in frames if f.startswith(package)), None)
    if mine:
        package_time[mine] += 1
    threads[re.sub(r"[-#]?\d+", "-N", thread or "?")] += 1

for line in sys.stdin:
    line = line.strip()
    if line.startswith("jdk.ExecutionSample"):
        flush()
        frames, thread, in_stack = [], None, False
    elif line.startswith("sampledThread = "):
        thread = line.split("\"")[1] if "\"" in line else line
    elif line.startswith("stackTrace = ["):
        in_stack = True
    elif in_stack and line.startswith("]"):
        in_stack = False
    elif in_stack and line and line != "...":
        frames.append(re.sub(r"\s+line:.*$", "", line))
flush()

def show(title, counter, n=top):
    print(f"\n{title}")
    for method, count in counter.most_common(n):
        print(f"  {100 * count / samples:5.1f}%  {count:7d}  {method}")

print(f"{samples} execution samples (Java code running on a CPU; threads waiting on I/O or locks are not sampled)")
if samples:
    show("hottest methods, self time (the top frame)", self_time)
    show("hottest library and application methods, total time (anywhere in the stack, 64 frames deep at most; JDK frames left out)", total_time)
    show(f"first {package} frame from the top (which of our code the time is spent for)", package_time)
    show("samples by thread (numbers folded)", threads, 12)
' "$TOP" "$PACKAGE"
