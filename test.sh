#!/usr/bin/env bash
# Runs every test: unit tests, the ArchUnit rules, and (as root) the real-kernel integration tests.
# Installs what it needs on a fresh Debian machine: the JDK 25 it builds with must be there already
# (Temurin 25 at /usr/lib/jvm/temurin-25-jdk-amd64, or JAVA_HOME pointing at a JDK 25+).
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")"
. ./.ci/env.sh
ensure_packages busybox-static runc crun
ensure_jdk25
profile=()
if [ "$(id -u)" = 0 ]; then
    profile=(-Proot)
else
    echo "test.sh: not root: the real-kernel integration tests are skipped" >&2
fi
./mvnw -B -ntp verify "${profile[@]}" "$@"
