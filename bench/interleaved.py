#!/usr/bin/env python3
"""A/B timing of whole commands, interleaved: each round runs every command once, in turn, so that a machine
whose speed drifts (a shared VM) slows them all alike. Prints each command's median, mean and minimum wall
time, its median's ratio to the first command's, and how many of its runs exited non-zero.

Usage: bench/interleaved.py RUNS NAME=COMMAND [NAME=COMMAND ...]   (commands run through sh; 2 warm-up runs each)
"""
import statistics
import subprocess
import sys
import time


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    runs = int(sys.argv[1])
    commands = dict(spec.split("=", 1) for spec in sys.argv[2:])
    times = {name: [] for name in commands}
    failed = {name: 0 for name in commands}
    for command in commands.values():
        for _ in range(2):
            subprocess.run(command, shell=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(runs):
        for name, command in commands.items():
            start = time.perf_counter()
            status = subprocess.run(command, shell=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            times[name].append((time.perf_counter() - start) * 1000)
            failed[name] += status.returncode != 0
    first = statistics.median(next(iter(times.values())))
    for name, ms in times.items():
        median = statistics.median(ms)
        print(f"{name:12s} median {median:7.1f} ms  mean {statistics.mean(ms):7.1f}  min {min(ms):7.1f}"
              f"  ratio {median / first:.2f}" + (f"  ({failed[name]} non-zero exits)" if failed[name] else ""))


if __name__ == "__main__":
    main()
