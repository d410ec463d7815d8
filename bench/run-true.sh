#!/usr/bin/env bash
# Times the whole life of a container that runs /bin/true — create, start, wait, delete (`run` does all
# four) — for jrunc and, when installed, runc and crun, in one hyperfine run, and prints the medians and
# the ratio jrunc/runc; then the same container in a user namespace of its own (uid and gid 0-65535 mapped to
# 100000-165535, the rootfs a copy owned by 100000), for jrunc and runc, and the cost of the user namespace
# (jrunc-userns/jrunc, which issue 15 wants at most 1.5). Needs root. Usage: bench/run-true.sh [runs]
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
# The same bundle with a new user namespace: a copy of the rootfs owned by the mapped root.
mkdir -p "$work/userns"
# mktemp's 0700 would keep the container's root (host uid 100000) from reaching its rootfs, under runc too.
chmod 0711 "$work"
cp -a "$work/bundle/rootfs" "$work/userns/rootfs"
chown -R 100000:100000 "$work/userns/rootfs"
python3 - "$work/bundle/config.json" "$work/userns/config.json" <<'PY'
import json, sys
config = json.load(open(sys.argv[1]))
config["linux"]["namespaces"].append({"type": "user"})
for key in ("uidMappings", "gidMappings"):
    config["linux"][key] = [{"containerID": 0, "hostID": 100000, "size": 65536}]
json.dump(config, open(sys.argv[2], "w"), indent=2)
PY
cmds=(--command-name jrunc "$repo/jrunc --root $work/state-jrunc run --bundle $work/bundle b-jrunc")
cmds+=(--command-name jrunc-userns "$repo/jrunc --root $work/state-jrunc run --bundle $work/userns u-jrunc")
for rt in runc crun; do
    # A runtime that cannot run this bundle on this host (crun refuses cgroup v1 hybrid hosts) is left out.
    if command -v "$rt" >/dev/null && "$rt" --root "$work/probe-$rt" run --bundle "$work/bundle" probe >/dev/null 2>&1; then
        cmds+=(--command-name "$rt" "$rt --root $work/state-$rt run --bundle $work/bundle b-$rt")
        if "$rt" --root "$work/probe-$rt" run --bundle "$work/userns" probe-userns >/dev/null 2>&1; then
            cmds+=(--command-name "$rt-userns" "$rt --root $work/state-$rt run --bundle $work/userns u-$rt")
        fi
    fi
done
hyperfine --warmup 3 --runs "$runs" --export-json "$work/result.json" "${cmds[@]}"
python3 "$here/medians.py" "$work/result.json" jrunc/runc jrunc-userns/jrunc runc-userns/runc
