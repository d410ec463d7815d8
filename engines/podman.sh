# podman (Debian's 4.3, with conmon) on jrunc: `podman --runtime`, its storage under a temp dir.

podman_tests() {
    local runtime="$1" label="$2" work="$3"
    local P=(podman --root "$work/podman/storage" --runroot "$work/podman/run" --cgroup-manager cgroupfs
        --events-backend file --runtime "$runtime")
    # This host lacks CAP_SYS_RESOURCE, so podman's default limits (raising hard limits) fail with runc as well.
    local U=(--network none --ulimit nofile=4096:4096 --ulimit nproc=4096:4096)
    local image=localhost/busybox:latest out id
    echo "podman ($label)"
    "${P[@]}" image exists "$image" || "${P[@]}" import -q "$ENGINE_WORK/busybox.tar" "$image" >/dev/null

    out=$("${P[@]}" run --rm "${U[@]}" "$image" sh -c 'echo hello from podman; exit 3' 2>&1)
    check "podman run: output" "hello from podman" "$out"
    check "podman run: exit status" 3 "$(status_of "${P[@]}" run --rm "${U[@]}" "$image" sh -c 'exit 3')"

    out=$("${P[@]}" run --rm "${U[@]}" -e FOO=bar -w /tmp -u 65534:65534 "$image" sh -c 'echo $FOO $(pwd) $(id -u):$(id -g)' 2>&1)
    check "podman run: env, workdir, user" "bar /tmp 65534:65534" "$out"

    out=$("${P[@]}" run --rm "${U[@]}" --read-only "$image" sh -c 'touch /x 2>/dev/null || echo ro; touch /tmp/y && echo tmp-rw' 2>&1)
    check "podman run --read-only: root read-only, /tmp writable" "ro
tmp-rw" "$out"

    out=$("${P[@]}" run --rm "${U[@]}" --memory 64m --pids-limit 50 "$image" sh -c \
        'cat /sys/fs/cgroup/memory/memory.max /sys/fs/cgroup/memory.max /sys/fs/cgroup/memory/memory.limit_in_bytes 2>/dev/null; cat /sys/fs/cgroup/pids/pids.max /sys/fs/cgroup/pids.max 2>/dev/null' 2>&1)
    check "podman run --memory --pids-limit: read back inside" "67108864
50" "$out"

    out=$("${P[@]}" run --rm "${U[@]}" --cap-drop all --cap-add NET_BIND_SERVICE --security-opt no-new-privileges "$image" \
        sh -c 'grep -E "^(CapEff|NoNewPrivs)" /proc/self/status | tr -s "\t" " "' 2>&1)
    check "podman run --cap-drop, no-new-privileges" "CapEff: 0000000000000400
NoNewPrivs: 1" "$out"

    out=$("${P[@]}" run --rm "${U[@]}" "$image" sh -c 'grep ^Seccomp: /proc/self/status | tr -s "\t" " "' 2>&1)
    check "podman run: podman's seccomp profile applied" "Seccomp: 2" "$out"

    id=$("${P[@]}" run -d "${U[@]}" --name "jr-$label-d" "$image" sh -c \
        'trap "echo got TERM; exit 0" TERM; trap "echo got USR1" USR1; echo started; while true; do sleep 0.1; done')
    sleep 1
    check "podman logs of a detached container" "started" "$("${P[@]}" logs "jr-$label-d" 2>&1)"
    "${P[@]}" pause "jr-$label-d" >/dev/null
    check "podman pause" "paused" "$("${P[@]}" inspect -f '{{.State.Status}}' "jr-$label-d")"
    "${P[@]}" unpause "jr-$label-d" >/dev/null
    check "podman unpause" "running" "$("${P[@]}" inspect -f '{{.State.Status}}' "jr-$label-d")"
    check_contains "podman top" "sleep 0.1" "$("${P[@]}" top "jr-$label-d" 2>&1)"
    "${P[@]}" kill -s USR1 "jr-$label-d" >/dev/null
    sleep 0.5
    check_contains "podman kill -s USR1: the signal reaches the container" "got USR1" "$("${P[@]}" logs "jr-$label-d" 2>&1)"
    out=$("${P[@]}" exec "jr-$label-d" sh -c 'echo exec $(id -u); exit 6' 2>&1); local st=$?
    check "podman exec: output" "exec 0" "$out"
    check "podman exec: exit status" 6 "$st"
    out=$(on_tty "${P[@]}" exec -t "jr-$label-d" sh -c 'tty; exit 2')
    check "podman exec -t: a terminal" "/dev/pts/0
status=2" "$out"
    "${P[@]}" stop -t 5 "jr-$label-d" >/dev/null
    check_contains "podman stop: TERM delivered" "got TERM" "$("${P[@]}" logs "jr-$label-d" 2>&1)"
    check "podman stop: exited 0" "0" "$("${P[@]}" inspect -f '{{.State.ExitCode}}' "jr-$label-d")"
    "${P[@]}" rm "jr-$label-d" >/dev/null

    # (busybox's stty fails under podman -t with runc too: whether stdin and stdout are the terminal is asked.)
    out=$(on_tty "${P[@]}" run --rm -t "${U[@]}" "$image" sh -c 'tty; [ -t 0 ] && [ -t 1 ] && echo stdio-on-tty; exit 4')
    check "podman run -t: a terminal" "/dev/pts/0
stdio-on-tty
status=4" "$out"

    check_nothing_left "podman ($label)" /run/jrunc "$id"
}
