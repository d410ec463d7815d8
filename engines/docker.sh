# Docker (Debian's dockerd 20.10) on jrunc: `--add-runtime` through daemon.json's "runtimes", a private dockerd
# on the private containerd, every path under a temp dir.

docker_start() {
    local dir="$ENGINE_WORK/docker"
    mkdir -p "$dir"
    cat > "$dir/daemon.json" <<JSON
{
  "data-root": "$dir/data",
  "exec-root": "$dir/exec",
  "pidfile": "$dir/docker.pid",
  "hosts": ["unix://$dir/docker.sock"],
  "containerd": "$ENGINE_WORK/containerd/containerd.sock",
  "bridge": "none",
  "iptables": false,
  "ip6tables": false,
  "ip-forward": false,
  "ip-masq": false,
  "deprecated-key-path": "$dir/key.json",
  "runtimes": {"jrunc": {"path": "$ENGINE_WORK/jrunc-ffm"}, "jrunc-jna": {"path": "$ENGINE_WORK/jrunc-jna"}}
}
JSON
    dockerd --config-file "$dir/daemon.json" >"$dir/log" 2>&1 &
    local i
    for i in $(seq 100); do
        DOCKER_HOST="unix://$dir/docker.sock" docker version >/dev/null 2>&1 && return 0
        sleep 0.2
    done
    echo "dockerd did not start:"; tail -20 "$dir/log"
    return 1
}

docker_stop() {
    local dir="$ENGINE_WORK/docker"
    [ -f "$dir/docker.pid" ] && kill "$(cat "$dir/docker.pid")" 2>/dev/null
    local i
    for i in $(seq 50); do
        [ -f "$dir/docker.pid" ] && kill -0 "$(cat "$dir/docker.pid")" 2>/dev/null || break
        sleep 0.2
    done
    grep -o " $dir[^ ]*" /proc/self/mountinfo | sort -r | while read -r m; do umount -l "$m" 2>/dev/null; done
}

docker_tests() {
    local runtime="$1" label="$2"
    local dir="$ENGINE_WORK/docker"
    local D=(docker -H "unix://$dir/docker.sock")
    local U=(--runtime "$runtime" --network none --ulimit nofile=4096:4096 --ulimit nproc=4096:4096)
    local image=localhost/busybox:latest out st
    echo "docker ($label)"
    "${D[@]}" image inspect "$image" >/dev/null 2>&1 || "${D[@]}" import "$ENGINE_WORK/busybox.tar" "$image" >/dev/null

    out=$("${D[@]}" run --rm "${U[@]}" "$image" sh -c 'echo hello from docker' 2>&1)
    check "docker run: output" "hello from docker" "$out"
    check "docker run: exit status" 3 "$(status_of "${D[@]}" run --rm "${U[@]}" "$image" sh -c 'exit 3')"
    "${D[@]}" run --rm "${U[@]}" "$image" /no/such/program >/dev/null 2>&1; st=$?
    check "docker run of a missing program: 127" 127 "$st"

    out=$("${D[@]}" run --rm "${U[@]}" -e FOO=bar -w /tmp -u 65534:65534 --read-only "$image" sh -c \
        'echo $FOO $(pwd) $(id -u):$(id -g); touch /x 2>/dev/null || echo ro' 2>&1)
    check "docker run: env, workdir, user, read-only" "bar /tmp 65534:65534
ro" "$out"
    out=$("${D[@]}" run --rm "${U[@]}" --memory 64m --pids-limit 50 "$image" sh -c \
        'cat /sys/fs/cgroup/memory/memory.limit_in_bytes /sys/fs/cgroup/memory.max 2>/dev/null; cat /sys/fs/cgroup/pids/pids.max /sys/fs/cgroup/pids.max 2>/dev/null' 2>&1)
    check "docker run --memory --pids-limit: read back inside" "67108864
50" "$out"
    out=$("${D[@]}" run --rm "${U[@]}" --cap-drop all --cap-add NET_BIND_SERVICE --security-opt no-new-privileges "$image" \
        sh -c 'grep -E "^(CapEff|NoNewPrivs|Seccomp):" /proc/self/status | tr -s "\t" " "' 2>&1)
    check "docker run --cap-drop, no-new-privileges, docker's seccomp profile" "CapEff: 0000000000000400
NoNewPrivs: 1
Seccomp: 2" "$out"

    "${D[@]}" run -d "${U[@]}" --name "jr-$label-d" "$image" sh -c \
        'trap "echo got TERM; exit 0" TERM; trap "echo got USR1" USR1; echo started; while true; do sleep 0.1; done' >/dev/null
    sleep 1
    check "docker logs of a detached container" "started" "$("${D[@]}" logs "jr-$label-d" 2>&1)"
    "${D[@]}" pause "jr-$label-d" >/dev/null
    check "docker pause" "paused" "$("${D[@]}" inspect -f '{{.State.Status}}' "jr-$label-d")"
    "${D[@]}" unpause "jr-$label-d" >/dev/null
    check "docker unpause" "running" "$("${D[@]}" inspect -f '{{.State.Status}}' "jr-$label-d")"
    check_contains "docker top" "sleep 0.1" "$("${D[@]}" top "jr-$label-d" 2>&1)"
    "${D[@]}" kill -s USR1 "jr-$label-d" >/dev/null
    sleep 0.5
    check_contains "docker kill -s USR1" "got USR1" "$("${D[@]}" logs "jr-$label-d" 2>&1)"
    out=$("${D[@]}" exec "jr-$label-d" sh -c 'echo exec $(id -u); exit 6' 2>&1); st=$?
    check "docker exec: output" "exec 0" "$out"
    check "docker exec: exit status" 6 "$st"
    out=$(on_tty "${D[@]}" exec -t "jr-$label-d" sh -c 'tty; exit 2')
    check "docker exec -t: a terminal" "/dev/pts/0
status=2" "$out"
    "${D[@]}" stop -t 5 "jr-$label-d" >/dev/null
    check_contains "docker stop: TERM delivered" "got TERM" "$("${D[@]}" logs "jr-$label-d" 2>&1)"
    check "docker stop: exited 0" "0" "$("${D[@]}" inspect -f '{{.State.ExitCode}}' "jr-$label-d")"
    "${D[@]}" rm "jr-$label-d" >/dev/null

    out=$(on_tty "${D[@]}" run --rm -t "${U[@]}" "$image" sh -c 'tty; exit 4')
    check "docker run -t: a terminal" "/dev/pts/0
status=4" "$out"

    check_nothing_left "docker ($label)" "$dir/exec/runtime-$runtime/moby" "jr-$label-"
}
