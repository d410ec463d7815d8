#!/usr/bin/env bash
# Runs every test: unit tests, the ArchUnit rules, and (as root) the real-kernel integration tests, with
# the launcher's (*IT, failsafe, after the package phase: verify); then the JNA backend's tests and the
# real-container suite again on a JDK 17 test JVM (FFM needs 22+).
# Installs what it needs on a fresh Debian machine: the JDK 25 it builds with must be there already
# (Temurin 25 at /usr/lib/jvm/temurin-25-jdk-amd64, or JAVA_HOME pointing at a JDK 25+).
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")"
. ./.ci/env.sh
# dbus-daemon: the systemd cgroup driver's tests run a private bus with a fake systemd on it.
# gcc and libc6-dev: jrunc-init, the container's first process, is a static C binary built with the CLI.
ensure_packages busybox-static runc crun dbus-daemon gcc libc6-dev uidmap
ensure_jdk25
profile=()
if [ "$(id -u)" = 0 ]; then
    profile=(-Proot)
else
    echo "test.sh: not root: the real-kernel integration tests are skipped" >&2
fi
# -Pmutation: PIT on domain and ports in their verify phase; a mutation score under the floor in each module's pom
# (its mutation profile) fails the build, so a test that stops killing a mutant is caught. Reports:
# {domain,ports}/target/pit-reports/index.html; history in target/pit-history.bin makes a rerun incremental.
./mvnw -B -ntp verify -Pmutation "${profile[@]}" "$@"

# The JNA backend is the one for JDK 17-21 hosts: its adapter tests (contracts included), the real
# containers and the --version line again, on the machine's JDK 17, with classes compiled by JDK 25.
jdk17=/usr/lib/jvm/java-17-openjdk-amd64/bin/java
if [ -x "$jdk17" ]; then
    echo "test.sh: the JNA backend on JDK 17 ($jdk17)" >&2
    ./mvnw -B -ntp test "${profile[@]}" -Djrunc.test.jvm="$jdk17" -pl adapter-jna,cli -am \
        -Dtest='Jna*Test,JruncInitTest,RealContainerTest,RealStateRootTest,ProbedEscapesTest,CapabilitiesTest,NoMountNamespaceTest,RootfsPropagationTest,RealCgroup*Test,DeviceProgramRootTest,SignalForwardingTest,GlobalFlagsTest,CreateCrashTest,LoadTest,ConfigFuzzTest,ExecTest,ExecTerminalTest,TerminalTest,HooksTest,PlatformFieldsTest,UserNamespaceTest,SeccompNotifyTest,SeccompTest,TmpCopyUpTest,FeaturesRealTest,RealCleanupTest' -Dsurefire.failIfNoSpecifiedTests=false
    version=$(JRUNC_JAVA="$jdk17" ./jrunc --version)
    case "$version" in
        *"backend: jna"*) ;;
        *) echo "test.sh: ./jrunc on JDK 17 should pick the JNA backend; --version said: $version" >&2; exit 1 ;;
    esac
    version=$(./jrunc --version)
    case "$version" in
        *"backend: ffm"*) ;;
        *) echo "test.sh: ./jrunc on JDK 25 should pick the FFM backend; --version said: $version" >&2; exit 1 ;;
    esac
else
    echo "test.sh: no JDK 17 at $jdk17: the JNA backend was tested on JDK 25 only" >&2
fi

# The engines people use, driving ./jrunc as their runtime: podman, containerd (ctr, the runc.v2 shim with
# BinaryName) and Docker, each on the FFM backend (JDK 25) and the JNA one (JDK 17). Needs root.
if [ "$(id -u)" = 0 ]; then
    engines/run-all.sh
else
    echo "test.sh: not root: the engine tests are skipped" >&2
fi
