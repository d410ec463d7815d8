# Shared by the engine tests: checks that count failures, the busybox image, and what a run may leave behind.
# Sourced by run-all.sh; every engine script is a set of functions that run in one shell.

ENGINE_FAILURES=0
ENGINE_CHECKS=0

# check NAME EXPECTED ACTUAL: equal strings pass.
check() {
    ENGINE_CHECKS=$((ENGINE_CHECKS + 1))
    if [ "$2" = "$3" ]; then
        echo "  ok   $1"
    else
        ENGINE_FAILURES=$((ENGINE_FAILURES + 1))
        printf '  FAIL %s\n    expected: %s\n    actual:   %s\n' "$1" "$2" "$3" | sed 's/\r//g'
    fi
}

# check_contains NAME NEEDLE HAYSTACK
check_contains() {
    ENGINE_CHECKS=$((ENGINE_CHECKS + 1))
    case "$3" in
        *"$2"*) echo "  ok   $1" ;;
        *)
            ENGINE_FAILURES=$((ENGINE_FAILURES + 1))
            printf '  FAIL %s\n    expected to contain: %s\n    actual: %s\n' "$1" "$2" "$3" | sed 's/\r//g'
            ;;
    esac
}

# The exit status of a command, its output discarded.
status_of() {
    "$@" >/dev/null 2>&1
    echo $?
}

# Runs "$@" on a pseudo-terminal (script(1)), as a user at a terminal would; prints what the terminal showed,
# carriage returns dropped, then "status=N".
on_tty() {
    local cmd status
    cmd=$(printf '%q ' "$@")
    script -qefc "$cmd" /dev/null </dev/null | tr -d '\r'
    status=${PIPESTATUS[0]}
    echo "status=$status"
}

# A busybox root filesystem as a tarball, with a user besides root (for --user).
make_busybox_tar() {
    local dir="$1"
    rm -rf "$dir/rootfs"
    make_busybox_rootfs "$dir/rootfs"
    echo "nobody:x:65534:65534:nobody:/:/bin/sh" >> "$dir/rootfs/etc/passwd"
    echo "nobody:x:65534:" >> "$dir/rootfs/etc/group"
    tar -C "$dir/rootfs" -cf "$dir/busybox.tar" .
}

# A runtime an engine can be pointed at: ./jrunc on a given java (JNA on JDK 17, FFM on JDK 25), logging each
# call, so a failed check can be read against what the engine asked.
make_runtime_wrapper() {
    local wrapper="$1" java="$2" log="$3"
    cat > "$wrapper" <<WRAP
#!/bin/sh
echo "\$(date +%T.%N) \$*" >> "$log"
JRUNC_JAVA="$java" exec "$JRUNC" "\$@"
WRAP
    chmod +x "$wrapper"
}

# Nothing of a container may outlive it: state under the runtime root, jrunc-init processes, cgroups and mounts
# named after its id.
check_nothing_left() {
    local engine="$1" root="$2"; shift 2
    local id left
    left=""
    if [ -d "$root" ] && [ -n "$(ls -A "$root" 2>/dev/null)" ]; then
        left="$left state in $root: $(ls -A "$root" | tr '\n' ' ');"
    fi
    if pgrep -f jrunc-init >/dev/null; then
        left="$left processes: $(pgrep -af jrunc-init | tr '\n' ' ');"
    fi
    for id in "$@"; do
        [ -n "$id" ] || continue
        if find /sys/fs/cgroup -name "*$id*" -print -quit 2>/dev/null | grep -q .; then
            left="$left cgroups of $id: $(find /sys/fs/cgroup -name "*$id*" | head -3 | tr '\n' ' ');"
        fi
        if grep -q "$id" /proc/self/mountinfo; then
            left="$left mounts of $id;"
        fi
    done
    check "$engine: nothing left behind" "" "$left"
}
