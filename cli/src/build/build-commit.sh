#!/bin/sh
# Writes BuildCommit.java, whose constant is the commit line of `jrunc --version`: git's description of the
# sources built (tag or commit, "-dirty" with uncommitted changes), "unknown" where they are no git checkout
# of their own (a source tarball) or there is no git. A constant, not a resource: reading one from the jar
# costs --version a few milliseconds of URL handling.
# Usage: build-commit.sh SOURCE_ROOT OUTPUT_DIR
set -e
root=$1
out=$2/io/jrunc/cli/BuildCommit.java
commit=$( [ -e "$root/.git" ] && git -C "$root" describe --always --dirty --tags 2>/dev/null ) || commit=""
# A tag may hold characters that a Java string or a version line should not.
commit=$(printf '%s' "$commit" | tr -cd 'A-Za-z0-9._+/-')
source="package io.jrunc.cli;

/** Written by the build (cli/src/build/build-commit.sh): the commit the sources were built from. */
final class BuildCommit {
    static final String DESCRIBE = \"${commit:-unknown}\";

    private BuildCommit() {
    }
}"
# Rewritten only when it changed: a new file would recompile the module and make a new jar, and the launcher
# would then record its start-up cache again.
if [ "$(cat "$out" 2>/dev/null)" != "$source" ]; then
    mkdir -p "${out%/*}"
    printf '%s\n' "$source" > "$out"
fi
