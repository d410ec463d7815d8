#!/usr/bin/env bash
# The main job: build jrunc, make a small bundle from the host's busybox, run it, show its output.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")"
. ./.ci/env.sh
# gcc and libc6-dev: jrunc-init, the container's first process, is a static C binary built with the CLI.
ensure_packages busybox-static gcc libc6-dev
ensure_jdk25
./mvnw -q -B -ntp package -DskipTests
bundle=$(mktemp -d /tmp/jrunc-demo.XXXXXX)
trap 'rm -rf "$bundle"' EXIT
make_busybox_rootfs "$bundle/rootfs"
./jrunc spec --bundle "$bundle"
# The default spec runs an interactive sh on a terminal (create would then need a --console-socket to send it
# to): the demo runs one command on plain stdio instead, with the spec's capabilities.
plain_config "$bundle/config.json" 'echo hello from $(hostname), pid $$, as $(id -un), in $(ls /), with $(grep CapEff /proc/self/status)'
echo "== dry run on the fake backend: the init plan and every call it would make, nothing touched"
./jrunc --backend fake create --bundle "$bundle" "demo-$$" > "$bundle/dry-run.txt"
sed -n '1,24p' "$bundle/dry-run.txt"
echo "  … $(wc -l < "$bundle/dry-run.txt") lines in all"
if [ "$(id -u)" = 0 ]; then
    echo "== a real container (jrunc run):"
    ./jrunc --root "$bundle/state" run --bundle "$bundle" "demo-$$"
else
    echo "(run demo.sh as root to run a real container)"
fi
