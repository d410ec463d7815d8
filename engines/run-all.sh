#!/usr/bin/env bash
# The everyday workflows of podman, containerd (ctr, the runc.v2 shim with BinaryName) and Docker, each driving
# ./jrunc as its runtime: on JDK 25 (the FFM backend) and on JDK 17 (JNA). Called by ./test.sh as root, after
# the build. Installs the engines from Debian, starts private daemons under a temp dir and tears them down.
# Usage: engines/run-all.sh [podman|containerd|docker|podman-rootless ...]   (all four by default)
set -uo pipefail
repo="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
. "$repo/.ci/env.sh"
. "$repo/engines/lib.sh"
. "$repo/engines/podman.sh"
. "$repo/engines/containerd.sh"
. "$repo/engines/docker.sh"

if [ "$(id -u)" != 0 ]; then
    echo "engines/run-all.sh: needs root (real engines, real containers)" >&2
    exit 1
fi
ensure_packages busybox-static podman conmon containerd docker.io util-linux || exit 1
engines=("$@")
[ ${#engines[@]} -gt 0 ] || engines=(podman containerd docker podman-rootless)

export JRUNC="$repo/jrunc"
ENGINE_WORK=$(mktemp -d /tmp/jrunc-engines.XXXXXX)
export ENGINE_WORK
teardown() {
    docker_stop 2>/dev/null
    containerd_stop 2>/dev/null
    grep -o " $ENGINE_WORK[^ ]*" /proc/self/mountinfo | sort -r | while read -r m; do umount -l "$m" 2>/dev/null; done
    rm -rf "$ENGINE_WORK"
}
trap teardown EXIT

make_busybox_tar "$ENGINE_WORK"
jdk25="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
jdk17=/usr/lib/jvm/java-17-openjdk-amd64/bin/java
make_runtime_wrapper "$ENGINE_WORK/jrunc-ffm" "$jdk25" "$ENGINE_WORK/calls.log"
backends=(ffm)
if [ -x "$jdk17" ]; then
    make_runtime_wrapper "$ENGINE_WORK/jrunc-jna" "$jdk17" "$ENGINE_WORK/calls.log"
    backends+=(jna)
fi

for engine in "${engines[@]}"; do
    case "$engine" in
        podman)
            for b in "${backends[@]}"; do podman_tests "$ENGINE_WORK/jrunc-$b" "$b" "$ENGINE_WORK"; done
            ;;
        containerd)
            # ctr imports a docker archive; podman writes one of the same busybox.
            podman --root "$ENGINE_WORK/podman/storage" --runroot "$ENGINE_WORK/podman/run" --events-backend file \
                import -q "$ENGINE_WORK/busybox.tar" localhost/busybox:latest >/dev/null 2>&1
            podman --root "$ENGINE_WORK/podman/storage" --runroot "$ENGINE_WORK/podman/run" --events-backend file \
                save -q --format docker-archive -o "$ENGINE_WORK/busybox-docker.tar" localhost/busybox:latest
            containerd_start || { check "containerd started" yes no; continue; }
            for b in "${backends[@]}"; do containerd_tests "$ENGINE_WORK/jrunc-$b" "$b"; done
            ;;
        docker)
            [ -S "$ENGINE_WORK/containerd/containerd.sock" ] || containerd_start || { check "containerd started" yes no; continue; }
            docker_start || { check "dockerd started" yes no; continue; }
            docker_tests jrunc ffm
            [ -x "$jdk17" ] && docker_tests jrunc-jna jna
            ;;
        podman-rootless)
            # Its own script: an unprivileged user of its own, a copy of the build that user may run, its checks.
            bash "$repo/engines/podman-rootless.sh" jrunc; st=$?
            check "rootless podman: every check of engines/podman-rootless.sh" 0 "$st"
            ;;
        *) echo "unknown engine: $engine" >&2; exit 2 ;;
    esac
done

echo "engines: $((ENGINE_CHECKS - ENGINE_FAILURES)) of $ENGINE_CHECKS checks passed"
if [ "$ENGINE_FAILURES" -gt 0 ]; then
    echo "the runtime's calls: $ENGINE_WORK/calls.log (kept: ENGINE_KEEP=1)" >&2
    tail -40 "$ENGINE_WORK/calls.log" >&2
    exit 1
fi
