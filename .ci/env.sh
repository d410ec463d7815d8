# Shared by test.sh, demo.sh and .ci/run: what a fresh machine needs before jrunc builds and runs.

ensure_packages() {
    local missing=()
    for p in "$@"; do
        dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    if [ "$(id -u)" != 0 ]; then
        echo "missing Debian packages: ${missing[*]} (install them as root: apt-get install ${missing[*]})" >&2
        return 1
    fi
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

ensure_jdk25() {
    local candidate
    for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/java-25-openjdk-amd64; do
        if [ -n "$candidate" ] && [ -x "$candidate/bin/javac" ] \
            && [ "$("$candidate/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/ *java.specification.version = //p')" -ge 25 ] 2>/dev/null; then
            export JAVA_HOME="$candidate"
            return 0
        fi
    done
    echo "jrunc builds with JDK 25 or newer; none found. Install one and point JAVA_HOME at it," >&2
    echo "e.g. JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 ./test.sh" >&2
    return 1
}

# A minimal root filesystem from Debian's static busybox: the binary and a link per applet.
make_busybox_rootfs() {
    local root="$1"
    mkdir -p "$root"/{bin,dev,etc,proc,sys,tmp,root}
    cp /bin/busybox "$root/bin/busybox"
    local applet
    for applet in $("$root/bin/busybox" --list); do
        [ -e "$root/bin/$applet" ] || ln -s busybox "$root/bin/$applet"
    done
    echo "root:x:0:0:root:/root:/bin/sh" > "$root/etc/passwd"
    echo "root:x:0:" > "$root/etc/group"
}

# Turns `jrunc spec`'s default config into one that runs "$2" with sh -c on plain stdio (a terminal would
# need a console socket for create and the caller's terminal for a foreground run; scripts read plain output).
plain_config() {
    python3 - "$1" "$2" <<'PY'
import json, sys
path, script = sys.argv[1], sys.argv[2]
config = json.load(open(path))
config["process"]["terminal"] = False
config["process"]["args"] = ["sh", "-c", script]
json.dump(config, open(path, "w"), indent=2)
PY
}
