#!/usr/bin/env bash
# Times the whole life of a container that runs /bin/true — create, start, wait, delete (`run` does all
# four) — for jrunc and, when installed, runc and crun, in one hyperfine run, and prints the medians and
# the ratio jrunc/runc. Needs root. Usage: bench/run-true.sh [runs]
set -euo pipefail
here=$(dirname "$(readlink -f "$0")")
repo=$(dirname "$here")
. "$repo/.ci/env.sh"
ensure_packages busybox-static hyperfine
runs=${1:-30}
work=$(mktemp -d /tmp/jrunc-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
make_busybox_rootfs "$work/bundle/rootfs"
"$repo/jrunc" spec --bundle "$work/bundle"
plain_config "$work/bundle/config.json" 'exec true'
# Debian's crun predates runtime-spec 1.2 and refuses newer ociVersions; the config is 1.0-compatible.
sed -i 's/"ociVersion": "[^"]*"/"ociVersion": "1.0.2-dev"/' "$work/bundle/config.json"
cmds=(--command-name jrunc "$repo/jrunc --root $work/state-jrunc run --bundle $work/bundle b-jrunc")
for rt in runc crun; do
    # A runtime that cannot run this bundle on this host (crun refuses cgroup v1 hybrid hosts) is left out.
    if command -v "$rt" >/dev/null && "$rt" --root "$work/probe-$rt" run --bundle "$work/bundle" probe >/dev/null 2>&1; then
        cmds+=(--command-name "$rt" "$rt --root $work/state-$rt run --bundle $work/bundle b-$rt")
    fi
done
hyperfine --warmup 3 --runs "$runs" --export-json "$work/result.json" "${cmds[@]}"
python3 - "$work/result.json" <<'PY'
import json, statistics, sys
results = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
median = {name: statistics.median(r["times"]) * 1000 for name, r in results.items()}
for name, ms in median.items():
    print(f"{name:6s} median {ms:8.1f} ms")
if "runc" in median:
    print(f"jrunc/runc = {median['jrunc'] / median['runc']:.2f}")
PY
