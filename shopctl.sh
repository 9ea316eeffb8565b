#!/usr/bin/env bash
# shopctl: the operator CLI of shop-streams (see `./shopctl.sh --help`).
# (Named shopctl.sh because the CLI's Maven module already owns the name shopctl/ in this directory.)
#
# Builds the CLI's runnable jar first when it is missing or older than any pom.xml or source file of the
# repository (needs only JDK 17 and Maven), then runs it from the caller's directory, so relative FILE
# arguments mean what the caller expects. Extra JVM options: SHOPCTL_JAVA_OPTS.
#
# It runs a copy of the jar, replaced by rename only: a rebuild rewrites the built jar in place, which would
# break a JVM still running from it (a `shopctl.sh dev` in another terminal).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

newest_jar() {
    ls -t "$root"/shopctl/target/shopctl-*-all.jar 2>/dev/null | head -n 1 || true
}

stale() {
    local jar="$1"
    [[ -z "$jar" ]] && return 0
    # Any pom or file under a src/ directory newer than the jar; build output and .git are not looked into.
    [[ -n "$(find "$root" \( -name target -o -name .git \) -prune -o -type f \
        \( -name pom.xml -o -path '*/src/*' \) -newer "$jar" -print -quit)" ]]
}

jar="$(newest_jar)"
if stale "$jar"; then
    echo "shopctl: building the CLI (mvn -q -B -DskipTests install -pl shopctl -am) ..." >&2
    (cd "$root" && mvn -q -B -DskipTests install -pl shopctl -am) >&2
    jar="$(newest_jar)"
    if [[ -z "$jar" ]]; then
        echo "shopctl: the build produced no shopctl/target/shopctl-*-all.jar" >&2
        exit 1
    fi
fi

run_jar="$root/shopctl/target/shopctl-run.jar"
if [[ ! -f "$run_jar" || "$jar" -nt "$run_jar" ]]; then
    cp -p "$jar" "$run_jar.$$.tmp"
    mv -f "$run_jar.$$.tmp" "$run_jar"
fi

# shellcheck disable=SC2086 # SHOPCTL_JAVA_OPTS holds several words on purpose
exec java ${SHOPCTL_JAVA_OPTS:-} -jar "$run_jar" "$@"
