#!/usr/bin/env bash
# The main job: build jrunc, make a small bundle from the host's busybox, run it, show its output.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")"
. ./.ci/env.sh
ensure_packages busybox-static
ensure_jdk25
./mvnw -q -B -ntp package -DskipTests
bundle=$(mktemp -d /tmp/jrunc-demo.XXXXXX)
trap 'rm -rf "$bundle"' EXIT
make_busybox_rootfs "$bundle/rootfs"
./jrunc spec --bundle "$bundle"
# The default spec runs an interactive sh on a terminal; the demo runs one command on plain stdio.
sed -i -e 's/"terminal": true/"terminal": false/' \
       -e 's/^\(\t*\)"sh"$/\1"sh", "-c", "echo hello from $(hostname)"/' "$bundle/config.json"
echo "== config.json's process:"
sed -n '/"process"/,/"cwd"/p' "$bundle/config.json"
echo "== dry run on the fake backend: the init plan and every call it makes, nothing touched"
./jrunc --backend fake run --bundle "$bundle" "demo-$$"
