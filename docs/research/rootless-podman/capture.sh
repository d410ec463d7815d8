#!/bin/bash
# research: run podman steps with the logging runtime, sorting captures per step
W=/tmp/jrpodman-work
R=(runuser -u jrpodman -- env -i HOME=/home/jrpodman USER=jrpodman LOGNAME=jrpodman PATH=/usr/local/bin:/usr/bin:/bin XDG_RUNTIME_DIR=/run/user/1001)
P=("${R[@]}" podman --cgroup-manager cgroupfs --events-backend file --runtime $W/runc-logging)
step() { local name=$1; shift; rm -f $W/cap/*; echo "== $name: $*"; "$@"; echo "rc=$?"; mkdir -p $W/steps/$name; mv $W/cap/* $W/steps/$name/ 2>/dev/null; ls $W/steps/$name | sed 's/^/   /'; }
rm -rf $W/steps
cd /tmp
step run "${P[@]}" run --rm --network none localhost/busybox sh -c 'echo hi; exit 3'
step run-d "${P[@]}" run -d --network none --name capd localhost/busybox sh -c 'trap "echo TERM; exit 0" TERM; echo started; while true; do sleep 0.1; done'
sleep 1
step logs "${P[@]}" logs capd
step exec "${P[@]}" exec capd sh -c 'echo exec; exit 6'
step exec-t script -qefc "${P[*]} exec -t capd sh -c 'tty; exit 2'" /dev/null
step kill "${P[@]}" kill -s USR1 capd
step stop "${P[@]}" stop -t 5 capd
step rm "${P[@]}" rm capd
step run-read-only "${P[@]}" run --rm --network none --read-only localhost/busybox sh -c 'touch /x || echo ro; touch /tmp/y && echo tmp-rw'
step run-t script -qefc "${P[*]} run --rm -t --network none localhost/busybox sh -c 'tty; exit 4'" /dev/null
step run-slirp "${P[@]}" run --rm localhost/busybox sh -c 'ip addr | grep inet'
step run-memory "${P[@]}" run --rm --network none --memory 64m --pids-limit 50 localhost/busybox true
