# containerd (Debian's 1.6) on jrunc, through its io.containerd.runc.v2 shim with BinaryName (ctr --runc-binary
# sets the shim's options as a CRI runtime's `BinaryName` does). A private daemon, its state under a temp dir.

containerd_start() {
    local dir="$ENGINE_WORK/containerd"
    mkdir -p "$dir"
    cat > "$dir/config.toml" <<TOML
version = 2
root = "$dir/root"
state = "$dir/state"
[grpc]
  address = "$dir/containerd.sock"
[ttrpc]
  address = "$dir/containerd.sock.ttrpc"
[plugins."io.containerd.grpc.v1.cri".containerd.runtimes.jrunc]
  runtime_type = "io.containerd.runc.v2"
[plugins."io.containerd.grpc.v1.cri".containerd.runtimes.jrunc.options]
  BinaryName = "$JRUNC"
TOML
    containerd --config "$dir/config.toml" >"$dir/log" 2>&1 &
    echo $! > "$dir/pid"
    local i
    for i in $(seq 50); do
        ctr -a "$dir/containerd.sock" version >/dev/null 2>&1 && return 0
        sleep 0.2
    done
    echo "containerd did not start:"; tail -20 "$dir/log"
    return 1
}

containerd_stop() {
    local dir="$ENGINE_WORK/containerd"
    [ -f "$dir/pid" ] && kill "$(cat "$dir/pid")" 2>/dev/null
    sleep 1
    # The shims' and snapshots' mounts under the temp dir.
    grep -o " $dir[^ ]*" /proc/self/mountinfo | sort -r | while read -r m; do umount -l "$m" 2>/dev/null; done
}

containerd_tests() {
    local runtime="$1" label="$2"
    local dir="$ENGINE_WORK/containerd"
    local C=(ctr -a "$dir/containerd.sock")
    local R=(--runc-binary "$runtime" --runc-root "$dir/runc")
    local image=localhost/busybox:latest out st
    echo "containerd ($label)"
    "${C[@]}" image ls -q | grep -qx "$image" || "${C[@]}" image import --base-name localhost/busybox "$ENGINE_WORK/busybox-docker.tar" >/dev/null

    out=$("${C[@]}" run --rm "${R[@]}" "$image" "jr-$label-1" sh -c 'echo hello from containerd' 2>&1)
    check "ctr run: output" "hello from containerd" "$out"
    "${C[@]}" run --rm "${R[@]}" "$image" "jr-$label-2" sh -c 'exit 3' >/dev/null 2>&1; st=$?
    check "ctr run: exit status" 3 "$st"
    out=$("${C[@]}" run --rm "${R[@]}" --env FOO=bar --cwd /tmp --read-only "$image" "jr-$label-3" sh -c \
        'echo $FOO $(pwd); touch /x 2>/dev/null || echo ro' 2>&1)
    check "ctr run: env, cwd, read-only" "bar /tmp
ro" "$out"
    out=$("${C[@]}" run --rm "${R[@]}" --cap-drop CAP_NET_RAW "$image" "jr-$label-4" sh -c \
        'grep ^CapEff /proc/self/status | tr -s "\t" " "' 2>&1)
    check "ctr run --cap-drop" "CapEff: 00000000a80405fb" "$out"

    "${C[@]}" run -d "${R[@]}" --memory-limit 67108864 "$image" "jr-$label-d" sh -c \
        'trap "exit 0" TERM; while true; do sleep 0.1; done' >/dev/null 2>&1
    sleep 1
    check_contains "ctr task ls: running" "RUNNING" "$("${C[@]}" task ls 2>&1 | grep "jr-$label-d")"
    # ctr's config mounts no cgroupfs a container could read its limit from (under runc neither): the host's view.
    check "ctr run --memory-limit: the container's cgroup" 67108864 \
        "$(cat $(find /sys/fs/cgroup -path "*/jr-$label-d/memory.limit_in_bytes" -o -path "*/jr-$label-d/memory.max" | head -1) 2>&1)"
    "${C[@]}" task pause "jr-$label-d"
    check_contains "ctr task pause" "PAUSED" "$("${C[@]}" task ls 2>&1 | grep "jr-$label-d")"
    "${C[@]}" task resume "jr-$label-d"
    check_contains "ctr task resume" "RUNNING" "$("${C[@]}" task ls 2>&1 | grep "jr-$label-d")"
    check "ctr task ps: two processes" 2 "$("${C[@]}" task ps "jr-$label-d" 2>/dev/null | tail -n +2 | grep -c .)"
    out=$("${C[@]}" task exec --exec-id e1 "jr-$label-d" sh -c 'echo in exec; exit 5' 2>&1); st=$?
    check "ctr task exec: output" "in exec" "$out"
    check "ctr task exec: exit status" 5 "$st"
    # ctr resizes the pty once its Start returns; a process already gone by then makes ctr log "resize pty …
    # cannot resize a stopped container" (jrunc's JVM exits later after the exec than runc does): the process lives
    # a second, so what is checked is its terminal, not that race.
    out=$(on_tty "${C[@]}" task exec -t --exec-id e2 "jr-$label-d" sh -c 'tty; sleep 1; exit 2')
    check "ctr task exec -t: a terminal" "/dev/pts/0
status=2" "$out"
    "${C[@]}" task kill -s TERM "jr-$label-d"
    sleep 1
    check_contains "ctr task kill -s TERM: stopped" "STOPPED" "$("${C[@]}" task ls 2>&1 | grep "jr-$label-d")"
    "${C[@]}" task delete "jr-$label-d" >/dev/null 2>&1
    "${C[@]}" container rm "jr-$label-d" >/dev/null 2>&1

    out=$(on_tty "${C[@]}" run --rm -t "${R[@]}" "$image" "jr-$label-t" sh -c 'tty; exit 4')
    check "ctr run -t: a terminal" "/dev/pts/0
status=4" "$out"

    check_nothing_left "containerd ($label)" "$dir/runc/default" "jr-$label-"
}
