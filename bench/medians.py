"""The median of each command of a hyperfine JSON export, then each ratio asked for ("a/b"), where both ran.

Usage: python3 bench/medians.py RESULT.json [NAME/NAME ...]
"""
import json
import statistics
import sys

results = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
median = {name: statistics.median(r["times"]) * 1000 for name, r in results.items()}
width = max(len(name) for name in median)
for name, ms in median.items():
    print(f"{name:{width}s} median {ms:8.1f} ms")
for ratio in sys.argv[2:]:
    a, b = ratio.split("/")
    if a in median and b in median:
        print(f"{a}/{b} = {median[a] / median[b]:.2f}")
