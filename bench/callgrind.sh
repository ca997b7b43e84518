#!/usr/bin/env bash
# Instructions a request costs in crmd (callgrind, counting only inside crm_dispatch,
# one dump a request), with one worker process of one thread behind nginx and MariaDB.
# Usage: BUILD=build bench/callgrind.sh [URL-PATH] [REQUESTS]   (default / and 200)
# Environment: BENCH_PORT (8200; the stack uses it and +1), CALLGRIND_OUT (where the
# profile of one measured request goes, for callgrind_annotate; default
# $BUILD/callgrind.out), CALLGRIND_ALL=1 (count everything the worker runs between two
# requests' ends, not only crm_dispatch: accept, FastCGI parsing, writing),
# CRMD_TUNABLES as for scripts/stack.sh.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${BUILD:-build}
[[ $BUILD == /* ]] || BUILD=$PWD/$BUILD
PORT=${BENCH_PORT:-8200}
URL_PATH=${1:-/}
N=${2:-200}
STATE=$BUILD/callgrind-state
OUT=${CALLGRIND_OUT:-$BUILD/callgrind.out}
RAW=$BUILD/callgrind-raw
export LD_LIBRARY_PATH=$BUILD/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}

die() {
	echo "callgrind: $*" >&2
	exit 1
}
for tool in valgrind curl mariadb; do
	command -v "$tool" >/dev/null || die "$tool is missing"
done
[[ -x $BUILD/bin/crmd ]] || die "$BUILD/bin/crmd is missing: make BUILD=$BUILD first"

VG_PID=""
cleanup() {
	trap - EXIT INT TERM
	if [[ -n $VG_PID ]]; then
		kill -TERM "$VG_PID" 2>/dev/null || true
		wait "$VG_PID" 2>/dev/null || true
	fi
	rm -rf "$RAW"
	BUILD=$BUILD PORT=$PORT "$ROOT/scripts/stack.sh" down "$STATE" >/dev/null || true
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The usual stack first (it writes crm.conf and migrates), then crmd again under
# callgrind with one worker of one thread, so that every request lands in one process.
# Fresh tenant databases, as bench/run.sh does: the schema is the tree's as it is now.
BUILD=$BUILD PORT=$PORT "$ROOT/scripts/stack.sh" db-start "$STATE"
mariadb --no-defaults --socket="$STATE/mysql/mysqld.sock" -u "$(id -un)" \
	-e 'DROP DATABASE IF EXISTS crm_default; DROP DATABASE IF EXISTS crm_second' ||
	die "cannot reset the databases"
BUILD=$BUILD PORT=$PORT "$ROOT/scripts/stack.sh" up "$STATE"
mariadb --no-defaults --socket="$STATE/mysql/mysqld.sock" -u "$(id -un)" crm_default \
	<"$ROOT/bench/seed.sql" || die "seeding failed"
sed -i -e 's/^workers = .*/workers = 1/' -e 's/^threads = .*/threads = 1/' "$STATE/crm.conf"
pid=$(tr -dc 0-9 <"$STATE/crmd.pid")
kill -TERM "$pid"
for ((i = 0; i < 100; i++)); do
	kill -0 "$pid" 2>/dev/null || break
	sleep 0.1
done
rm -rf "$RAW" "$STATE/crmd.sock"
mkdir -p "$RAW"
collect=(--toggle-collect=crm_dispatch --collect-atstart=no)
[[ ${CALLGRIND_ALL:-0} != 1 ]] || collect=(--collect-atstart=yes)
GLIBC_TUNABLES=${CRMD_TUNABLES-glibc.malloc.tcache_count=300} \
	valgrind --tool=callgrind "${collect[@]}" --dump-after=crm_dispatch --callgrind-out-file="$RAW/cg.%p" \
	"$BUILD/bin/crmd" -c "$STATE/crm.conf" </dev/null >>"$STATE/valgrind.out" 2>&1 &
VG_PID=$!
url="http://127.0.0.1:$PORT$URL_PATH"
deadline=$((SECONDS + 120))
until [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 10 "$url" || true) == 200 ]]; do
	((SECONDS < deadline)) || die "$url did not answer 200 under valgrind"
	sleep 0.5
done
# Warm-up (connections, prepared statements, per-thread caches), then the measured
# requests; callgrind dumps after every crm_dispatch, so the warm-up's dumps are dropped.
for ((i = 0; i < 20; i++)); do curl -s -o /dev/null "$url"; done
sleep 1
rm -f "$RAW"/cg.*.*
for ((i = 0; i < N; i++)); do curl -s -o /dev/null "$url"; done
sleep 1
total=0 count=0 last=""
for f in "$RAW"/cg.*.*; do
	ir=$(awk '/^totals:/ { print $2 }' "$f")
	[[ -n $ir ]] || continue
	total=$((total + ir)) count=$((count + 1)) last=$f
done
((count > 0)) || die "no profile was written"
cp "$last" "$OUT"
echo "callgrind: $URL_PATH: $((total / count)) instructions a request ($count requests; one of them for callgrind_annotate: $OUT)"
