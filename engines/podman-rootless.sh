#!/usr/bin/env bash
# Rootless podman (Debian's 4.3, with conmon) on jrunc: an unprivileged user with /etc/subuid and /etc/subgid
# ranges runs podman, which enters a user namespace of its own (uid 0 in it is the user, 1.. its range) and
# calls the runtime there: as uid 0 with every capability of that namespace, never as real root.
#
# Usage (as root): engines/podman-rootless.sh [jrunc|runc]   (RUNTIME=runc|jrunc works too; jrunc by default)
#   jrunc: ./jrunc on JDK 25 (FFM) and on JDK 17 (JNA); runc: /usr/sbin/runc, the reference.
#   JRUNC_BUILD=DIR takes the built jrunc (launcher and cli/target) of another checkout; this one by default.
# Not part of engines/run-all.sh yet; once it is, run-all.sh sources it like podman.sh and calls
# podman_rootless_setup, podman_rootless_tests RUNTIME LABEL STATE_ROOT (the image from $ENGINE_WORK/busybox.tar)
# and podman_rootless_teardown; RUNTIME (a wrapper, the jrunc copy) must lie where the user can reach it, not
# in run-all's mode 0700 ENGINE_WORK.
#
# The user must read and execute the runtime: a checkout may lie under a directory it cannot enter, and the
# launcher writes its start-up cache beside the jar when it can. So the tests run a copy of the launcher and
# cli/target (jar, libraries, jrunc-init, the start-up caches) in a temp dir owned by root, mode 755: the
# caches are recorded there as root before the user runs it, and the user cannot write them.

PODMAN_ROOTLESS_USER=${PODMAN_ROOTLESS_USER:-jrpodman}

# The user, its subordinate ids and its runtime dir, made once and left for the next run (idempotent).
podman_rootless_setup() {
    local user="$PODMAN_ROOTLESS_USER" uid
    if ! id "$user" >/dev/null 2>&1; then
        useradd --create-home --shell /bin/sh "$user" || return 1
    fi
    uid=$(id -u "$user")
    # useradd adds ranges when /etc/login.defs asks for them; a user made otherwise may lack them: 65536 ids
    # past every range already given out.
    local file start
    for file in subuid subgid; do
        grep -q "^$user:" "/etc/$file" 2>/dev/null && continue
        start=$(awk -F: '$2 + $3 > end { end = $2 + $3 } END { print (end > 100000 ? end : 100000) }' "/etc/$file" 2>/dev/null)
        usermod "--add-${file}s" "${start:-100000}-$((${start:-100000} + 65535))" "$user" || return 1
    done
    # What pam_systemd would make at login: podman keeps its run state and the pause process's pid there.
    PODMAN_ROOTLESS_RUNDIR=/run/user/$uid
    mkdir -p "$PODMAN_ROOTLESS_RUNDIR"
    chown "$user:" "$PODMAN_ROOTLESS_RUNDIR"
    chmod 700 "$PODMAN_ROOTLESS_RUNDIR"
    PODMAN_ROOTLESS_HOME=$(getent passwd "$user" | cut -d: -f6)
    export PODMAN_ROOTLESS_RUNDIR PODMAN_ROOTLESS_HOME
    # A command prefix that runs as the user with the environment a login gives (none of root's variables),
    # from / (root's working directory may be closed to the user). A command, not a function: on_tty runs it
    # in a new shell.
    AS_ROOTLESS_USER=(runuser -u "$user" -- env -i -C / HOME="$PODMAN_ROOTLESS_HOME" USER="$user" LOGNAME="$user"
        PATH=/usr/local/bin:/usr/bin:/bin XDG_RUNTIME_DIR="$PODMAN_ROOTLESS_RUNDIR")
}

# A copy of the built jrunc the user can run: launcher + cli/target, owned by root, mode 755 (see the top).
# Prints the copied launcher's path.
copy_jrunc_for_user() {
    local repo="$1" dir="$2" java
    shift 2
    mkdir -p "$dir/cli/target"
    cp "$repo/jrunc" "$dir/jrunc"
    cp -r "$repo/cli/target/jrunc-cli.jar" "$repo/cli/target/jrunc-init" "$repo/cli/target/lib" "$dir/cli/target/"
    chown -R root:root "$dir"
    chmod -R go-w,a+rX "$dir"
    chmod 755 "$dir"
    # The start-up caches record the jar's path, so the build's own would not be used from here: the launcher
    # records new ones, as root, the first time it runs (here; the user could not).
    for java in "$@"; do
        JRUNC_JAVA="$java" "$dir/jrunc" --version >/dev/null 2>&1
    done
    chmod -R a+rX "$dir"
    echo "$dir/jrunc"
}

# What the user's podman may leave once its containers are gone: processes of the user besides podman's pause
# process (which holds its user namespace) or of its subordinate uids (a container's processes run as those:
# `-u 65534` is SUBUID+65533 on the host), state under the runtime's root, mounts of containers (podman's
# per-container dirs, an overlay's merged dir) in the pause process's mount namespace, where podman and the
# runtime mount, or in the host's.
check_rootless_nothing_left() {
    local label="$1" state_root="$2"
    local left="" pause procs mounts first count storage
    pause=$(cat "$PODMAN_ROOTLESS_RUNDIR/libpod/tmp/pause.pid" 2>/dev/null)
    IFS=: read -r _ first count < <(grep "^$PODMAN_ROOTLESS_USER:" /etc/subuid | head -1)
    # (Zombies do not count: conmon's exited processes wait for this host's pid 1 to reap them.)
    procs=$(ps -eo pid=,uid=,stat=,args= | awk -v pause="${pause:-none}" -v uid="$(id -u "$PODMAN_ROOTLESS_USER")" \
        -v first="${first:-0}" -v count="${count:-0}" \
        '$1 != pause && $3 !~ /^Z/ && ($2 == uid || ($2 >= first && $2 < first + count))')
    [ -z "$procs" ] || left="$left processes: $(echo "$procs" | cut -c1-120 | tr '\n' ';')"
    if [ -d "$state_root" ] && [ -n "$(ls -A "$state_root" 2>/dev/null)" ]; then
        left="$left state in $state_root: $(ls -A "$state_root" | tr '\n' ' ');"
    fi
    storage="$PODMAN_ROOTLESS_HOME/.local/share/containers/storage"
    mounts=$(cat /proc/self/mountinfo ${pause:+"/proc/$pause/mountinfo"} 2>/dev/null | awk '{print $5}' |
        grep -E "^$storage/[^/]+-containers/|^$PODMAN_ROOTLESS_RUNDIR/containers/|/merged\$")
    [ -z "$mounts" ] || left="$left mounts: $(echo "$mounts" | tr '\n' ' ');"
    check "rootless podman ($label): nothing left behind" "" "$left"
}

# Stops the pause process (the user's podman starts a new one when next run): afterwards the user runs nothing.
podman_rootless_teardown() {
    local pause
    pause=$(cat "$PODMAN_ROOTLESS_RUNDIR/libpod/tmp/pause.pid" 2>/dev/null)
    [ -n "$pause" ] && kill "$pause" 2>/dev/null
    sleep 0.5
    check "rootless podman: no process of $PODMAN_ROOTLESS_USER after the pause process stops" "" \
        "$(ps -u "$PODMAN_ROOTLESS_USER" -o pid=,stat=,args= | awk '$2 !~ /^Z/' | tr '\n' ';')"
}

podman_rootless_tests() {
    local runtime="$1" label="$2" state_root="$3"
    # No systemd user session: cgroupfs (on cgroup v1 rootless podman gives the runtime no cgroup at all) and
    # events in a file. slirp4netns needs /dev/net/tun, which this host denies the user: no network.
    local P=("${AS_ROOTLESS_USER[@]}" podman --cgroup-manager cgroupfs --events-backend file --runtime "$runtime")
    local U=(--network none)
    local image=localhost/busybox:latest out name="jr-rl-$label-d" st
    echo "rootless podman ($label, as $PODMAN_ROOTLESS_USER)"
    # On stdin, opened here as root: the tarball may lie in a directory the user cannot enter.
    "${P[@]}" image exists "$image" || "${P[@]}" import -q - "$image" < "$ENGINE_WORK/busybox.tar" >/dev/null

    out=$("${P[@]}" run --rm "${U[@]}" "$image" sh -c 'echo hello from rootless podman; exit 3' 2>&1); st=$?
    check "rootless podman run: output" "hello from rootless podman" "$out"
    check "rootless podman run: exit status" 3 "$st"

    out=$("${P[@]}" run --rm "${U[@]}" "$image" sh -c 'cat /proc/self/uid_map | tr -s " " " "; id -u' 2>&1)
    check "rootless podman run: uid 0 is the user, 1.. its subordinate range" \
        " 0 $(id -u "$PODMAN_ROOTLESS_USER") 1
 1 $(grep "^$PODMAN_ROOTLESS_USER:" /etc/subuid | head -1 | cut -d: -f2) $(grep "^$PODMAN_ROOTLESS_USER:" /etc/subuid | head -1 | cut -d: -f3)
0" "$out"

    out=$("${P[@]}" run --rm "${U[@]}" -e FOO=bar -w /tmp -u 65534:65534 "$image" sh -c 'echo $FOO $(pwd) $(id -u):$(id -g)' 2>&1)
    check "rootless podman run: env, workdir, user" "bar /tmp 65534:65534" "$out"

    out=$("${P[@]}" run --rm "${U[@]}" --read-only "$image" sh -c 'touch /x 2>/dev/null || echo ro; touch /tmp/y && echo tmp-rw' 2>&1)
    check "rootless podman run --read-only: root read-only, /tmp writable" "ro
tmp-rw" "$out"

    # /dev/null and the other default devices: bind mounts of the host's (mknod is denied in a user namespace).
    out=$("${P[@]}" run --rm "${U[@]}" "$image" sh -c 'echo x > /dev/null && head -c 4 /dev/zero | wc -c && ls /dev/full /dev/tty /dev/urandom /dev/random' 2>&1)
    check "rootless podman run: the default devices work" "4
/dev/full
/dev/random
/dev/tty
/dev/urandom" "$out"

    out=$("${P[@]}" run --rm "${U[@]}" --cap-drop all --cap-add NET_BIND_SERVICE --security-opt no-new-privileges "$image" \
        sh -c 'grep -E "^(CapEff|NoNewPrivs|Seccomp):" /proc/self/status | tr -s "\t" " "' 2>&1)
    check "rootless podman run --cap-drop, no-new-privileges, seccomp" "CapEff: 0000000000000400
NoNewPrivs: 1
Seccomp: 2" "$out"

    # A user namespace of the container's own inside podman's: the user is itself in there.
    local me
    me="$(id -u "$PODMAN_ROOTLESS_USER"):$(id -g "$PODMAN_ROOTLESS_USER")"
    out=$("${P[@]}" run --rm "${U[@]}" --userns keep-id "$image" sh -c 'echo $(id -u):$(id -g)' 2>&1)
    check "rootless podman run --userns keep-id" "$me" "$out"
    # (toolbox and distrobox live this way: a keep-id container exec'd into.)
    "${P[@]}" run -d "${U[@]}" --userns keep-id --name "$name-keepid" "$image" sleep 60 >/dev/null 2>&1
    out=$("${P[@]}" exec "$name-keepid" sh -c 'echo $(id -u):$(id -g)' 2>&1)
    check "rootless podman exec into a --userns keep-id container" "$me" "$out"
    "${P[@]}" rm -f -t 0 "$name-keepid" >/dev/null 2>&1

    out=$("${P[@]}" run -d "${U[@]}" --name "$name" "$image" sh -c \
        'trap "echo got TERM; exit 0" TERM; trap "echo got USR1" USR1; echo started; while true; do sleep 0.1; done' 2>&1)
    st=$("${P[@]}" inspect -f '{{.State.Status}}' "$name" 2>&1)
    check "rootless podman run -d: started" "running" "$st"
    [ "$st" = running ] || echo "    podman run -d said: $out"
    sleep 1
    check "rootless podman logs of a detached container" "started" "$("${P[@]}" logs "$name" 2>&1)"
    "${P[@]}" kill -s USR1 "$name" >/dev/null
    sleep 0.5
    check_contains "rootless podman kill -s USR1: the signal reaches the container" "got USR1" "$("${P[@]}" logs "$name" 2>&1)"
    out=$("${P[@]}" exec "$name" sh -c 'echo exec $(id -u); exit 6' 2>&1); st=$?
    check "rootless podman exec: output" "exec 0" "$out"
    check "rootless podman exec: exit status" 6 "$st"
    out=$(on_tty "${P[@]}" exec -t "$name" sh -c 'tty; exit 2')
    check "rootless podman exec -t: a terminal" "/dev/pts/0
status=2" "$out"
    "${P[@]}" stop -t 5 "$name" >/dev/null
    check_contains "rootless podman stop: TERM delivered" "got TERM" "$("${P[@]}" logs "$name" 2>&1)"
    check "rootless podman stop: exited 0" "exited 0" "$("${P[@]}" inspect -f '{{.State.Status}} {{.State.ExitCode}}' "$name" 2>&1)"
    "${P[@]}" rm "$name" >/dev/null
    check "rootless podman rm: gone" "1" "$(status_of "${P[@]}" container exists "$name")"

    out=$(on_tty "${P[@]}" run --rm -t "${U[@]}" "$image" sh -c 'tty; [ -t 0 ] && [ -t 1 ] && echo stdio-on-tty; exit 4')
    check "rootless podman run -t: a terminal" "/dev/pts/0
stdio-on-tty
status=4" "$out"

    # Whatever failed above may have left a container behind: podman removes it, so the next label starts clean.
    "${P[@]}" rm --force --ignore -t 0 "$name" "$name-keepid" >/dev/null 2>&1
    check_rootless_nothing_left "$label" "$state_root"
}

# Run directly (not sourced): sets up, runs the tests on the runtime asked for, tears down.
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
    set -uo pipefail
    repo="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
    . "$repo/.ci/env.sh"
    . "$repo/engines/lib.sh"
    if [ "$(id -u)" != 0 ]; then
        echo "engines/podman-rootless.sh: needs root (it makes the user and its runtime dir)" >&2
        exit 1
    fi
    runtime_kind=${1:-${RUNTIME:-jrunc}}
    ensure_packages busybox-static podman conmon uidmap util-linux || exit 1
    podman_rootless_setup || exit 1
    # Open to the user: it runs the runtimes' wrappers and the jrunc copy from here, and appends to their log.
    PODMAN_ROOTLESS_WORK=$(mktemp -d /tmp/jrunc-rootless.XXXXXX)
    export PODMAN_ROOTLESS_WORK ENGINE_WORK="$PODMAN_ROOTLESS_WORK"
    chmod 755 "$PODMAN_ROOTLESS_WORK"
    teardown() {
        podman_rootless_teardown
        if [ -n "${ENGINE_KEEP:-}" ]; then echo "kept: $PODMAN_ROOTLESS_WORK" >&2; else rm -rf "$PODMAN_ROOTLESS_WORK"; fi
        echo "rootless podman: $((ENGINE_CHECKS - ENGINE_FAILURES)) of $ENGINE_CHECKS checks passed"
    }
    trap teardown EXIT
    make_busybox_tar "$PODMAN_ROOTLESS_WORK"
    log="$PODMAN_ROOTLESS_WORK/calls.log"
    touch "$log"
    chown "$PODMAN_ROOTLESS_USER" "$log"
    # runc, like runc's rootless default: state under $XDG_RUNTIME_DIR/runc (podman passes no --root).
    case "$runtime_kind" in
        runc)
            cat > "$PODMAN_ROOTLESS_WORK/runc" <<WRAP
#!/bin/sh
echo "\$(date +%T.%N) \$*" >> "$log"
exec /usr/sbin/runc "\$@"
WRAP
            chmod 755 "$PODMAN_ROOTLESS_WORK/runc"
            podman_rootless_tests "$PODMAN_ROOTLESS_WORK/runc" runc "$PODMAN_ROOTLESS_RUNDIR/runc"
            ;;
        jrunc)
            jdk25="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
            jdk17=/usr/lib/jvm/java-17-openjdk-amd64/bin/java
            javas=("$jdk25")
            [ -x "$jdk17" ] && javas+=("$jdk17")
            JRUNC=$(copy_jrunc_for_user "${JRUNC_BUILD:-$repo}" "$PODMAN_ROOTLESS_WORK/jrunc" "${javas[@]}")
            export JRUNC
            make_runtime_wrapper "$PODMAN_ROOTLESS_WORK/jrunc-ffm" "$jdk25" "$log"
            chmod 755 "$PODMAN_ROOTLESS_WORK/jrunc-ffm"
            # Where jrunc keeps the containers' state when podman names no --root: runc's rootless default
            # ($XDG_RUNTIME_DIR/runc) is what jrunc should mirror; /run/jrunc is its root default.
            podman_rootless_tests "$PODMAN_ROOTLESS_WORK/jrunc-ffm" ffm "$PODMAN_ROOTLESS_RUNDIR/jrunc"
            if [ -x "$jdk17" ]; then
                make_runtime_wrapper "$PODMAN_ROOTLESS_WORK/jrunc-jna" "$jdk17" "$log"
                chmod 755 "$PODMAN_ROOTLESS_WORK/jrunc-jna"
                podman_rootless_tests "$PODMAN_ROOTLESS_WORK/jrunc-jna" jna "$PODMAN_ROOTLESS_RUNDIR/jrunc"
            fi
            ;;
        *) echo "engines/podman-rootless.sh: runtime must be jrunc or runc, not $runtime_kind" >&2; exit 2 ;;
    esac
    if [ "$ENGINE_FAILURES" -gt 0 ]; then
        echo "the runtime's calls (the last 40):" >&2
        tail -40 "$log" >&2
        exit 1
    fi
fi
