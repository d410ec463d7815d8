#!/usr/bin/env bash
# Times `exec ID /bin/true` into a running container — the path of `docker exec`, `kubectl exec` and every health
# check — for jrunc and, when installed, runc, in one hyperfine run, and prints the medians and the ratio
# jrunc/runc. Each runtime execs into a container of its own, made from the same bundle (busybox running sleep)
# before the timing and deleted after it. Needs root. Usage: bench/exec-true.sh [runs]
set -euo pipefail
here=$(dirname "$(readlink -f "$0")")
repo=$(dirname "$here")
. "$repo/.ci/env.sh"
ensure_packages busybox-static hyperfine
runs=${1:-30}
work=$(mktemp -d /tmp/jrunc-bench-exec.XXXXXX)
made=()
cleanup() {
    for rt in "${made[@]}"; do
        if [ "$rt" = jrunc ]; then "$repo/jrunc" --root "$work/state-jrunc" delete --force e-jrunc || true
        else "$rt" --root "$work/state-$rt" delete --force "e-$rt" || true; fi
    done
    rm -rf "$work"
}
trap cleanup EXIT
make_busybox_rootfs "$work/bundle/rootfs"
"$repo/jrunc" spec --bundle "$work/bundle"
plain_config "$work/bundle/config.json" 'exec sleep 1000000'
sed -i 's/"ociVersion": "[^"]*"/"ociVersion": "1.0.2-dev"/' "$work/bundle/config.json"
"$repo/jrunc" --root "$work/state-jrunc" run --detach --bundle "$work/bundle" e-jrunc </dev/null >/dev/null
made+=(jrunc)
cmds=(--command-name jrunc "$repo/jrunc --root $work/state-jrunc exec e-jrunc /bin/true")
for rt in runc crun; do
    # A runtime that cannot run this bundle on this host (crun refuses cgroup v1 hybrid hosts) is left out.
    if command -v "$rt" >/dev/null \
            && "$rt" --root "$work/state-$rt" run --detach --bundle "$work/bundle" "e-$rt" </dev/null >/dev/null 2>&1; then
        made+=("$rt")
        cmds+=(--command-name "$rt" "$rt --root $work/state-$rt exec e-$rt /bin/true")
    fi
done
hyperfine --warmup 3 --runs "$runs" --export-json "$work/result.json" "${cmds[@]}"
python3 "$here/medians.py" "$work/result.json" jrunc/runc
