#!/usr/bin/env bash
# The cost of rootless: the container of bench/run-true.sh (/bin/true, run to its end), in a user namespace that
# maps its root to an unprivileged user, run by root and by that user (jrunc then runs its command again inside
# the user namespace: docs/architecture.md, "Rootless"), for jrunc and runc in one hyperfine run. Prints the
# medians, jrunc-rootless/jrunc-root (what rootless adds) and jrunc-rootless/runc-rootless. Needs root; makes the
# user jrunc-bench if missing. Usage: bench/rootless-true.sh [runs]
set -euo pipefail
here=$(dirname "$(readlink -f "$0")")
repo=$(dirname "$here")
. "$repo/.ci/env.sh"
ensure_packages busybox-static hyperfine uidmap
runs=${1:-20}
user=jrunc-bench
id "$user" >/dev/null 2>&1 || useradd -M -s /bin/sh "$user"
uid=$(id -u "$user")
gid=$(id -g "$user")
work=$(mktemp -d /tmp/jrunc-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
chmod 0755 "$work"
make_busybox_rootfs "$work/bundle/rootfs"
"$repo/jrunc" spec --rootless --bundle "$work/bundle"
plain_config "$work/bundle/config.json" 'exec true'
python3 - "$work/bundle/config.json" "$uid" "$gid" <<'PY'
import json, sys
path, uid, gid = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
config = json.load(open(path))
config["linux"]["uidMappings"] = [{"containerID": 0, "hostID": uid, "size": 1}]
config["linux"]["gidMappings"] = [{"containerID": 0, "hostID": gid, "size": 1}]
config["ociVersion"] = "1.0.2-dev"
json.dump(config, open(path, "w"), indent=2)
PY
chown -R "$uid:$gid" "$work/bundle"
mkdir -p "$work/xdg"
chown "$uid:$gid" "$work/xdg"
as_user="runuser -u $user -- env XDG_RUNTIME_DIR=$work/xdg"
# The start-up cache is recorded by root (the user may not write the build), before anything is timed.
"$repo/jrunc" --version >/dev/null
cmds=(--command-name jrunc-root "$repo/jrunc --root $work/state-jrunc run --bundle $work/bundle r-jrunc")
cmds+=(--command-name jrunc-rootless "$as_user $repo/jrunc run --bundle $work/bundle u-jrunc")
if command -v runc >/dev/null; then
    cmds+=(--command-name runc-root "runc --root $work/state-runc run --bundle $work/bundle r-runc")
    cmds+=(--command-name runc-rootless "$as_user runc --root $work/xdg/runc run --bundle $work/bundle u-runc")
fi
hyperfine --warmup 3 --runs "$runs" --export-json "$work/result.json" "${cmds[@]}"
python3 "$here/medians.py" "$work/result.json" jrunc-rootless/jrunc-root runc-rootless/runc-root jrunc-rootless/runc-rootless
