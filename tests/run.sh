#!/usr/bin/env bash
# Runs every suite against one build: C unit tests, then system tests through a
# private nginx + MariaDB + crmd stack. Ends with "N passed, N failed".
# Usage: tests/run.sh BUILD_DIR   (PORT sets the stack's port)
set -uo pipefail
shopt -s nullglob
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=$(cd "$1" && pwd)
STATE=$BUILD/state
export PORT=${PORT:-8090} BUILD
passed=0 failed=0

# Reads a suite's output on stdin and adds its "ok"/"not ok" lines to the totals;
# fed with < <(...), not a pipe, so the totals survive (a pipe runs it in a subshell).
count() {
	local out p f
	out=$(cat)
	printf '%s\n' "$out"
	p=$(grep -c '^ok ' <<<"$out")
	f=$(grep -c '^not ok ' <<<"$out")
	passed=$((passed + p)) failed=$((failed + f))
}

# Sanitizer reports go to files, one per process, and each counts as a failure.
rm -rf "$STATE/asan"
mkdir -p "$STATE/asan"
export ASAN_OPTIONS="detect_leaks=1:log_path=$STATE/asan/asan:abort_on_error=0:detect_odr_violation=0"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:log_path=$STATE/asan/ubsan"
export LSAN_OPTIONS="suppressions=$ROOT/tests/lsan.supp:print_suppressions=0"

echo "== unit tests"
for t in "$BUILD"/tests/test-*; do
	[ -x "$t" ] || continue
	name=$(basename "$t")
	if out=$("$t" 2>&1); then
		n=$(grep -oE '\[  PASSED  \] [0-9]+' <<<"$out" | grep -oE '[0-9]+$' || echo 0)
		echo "ok - $name ($n cases)"
		passed=$((passed + 1))
	else
		printf '%s\n' "$out" | tail -40
		echo "not ok - $name"
		failed=$((failed + 1))
	fi
done

echo "== system tests"
# A stack left from an earlier run goes first: its processes hold the plugins copied next.
"$ROOT/scripts/stack.sh" down "$STATE" >/dev/null 2>&1
# The test plugins (good and deliberately broken ones) load beside the real ones.
cp "$BUILD"/test-plugins/*.so "$BUILD/plugins/" 2>/dev/null || true
rm -rf "$STATE/mysql" "$STATE/crm.conf"
if ! "$ROOT/scripts/stack.sh" up "$STATE"; then
	echo "not ok - the test stack did not start"
	failed=$((failed + 1))
else
	# The core's system tests, then each plugin's own (plugins/<name>/tests/).
	for t in "$ROOT"/tests/system/test_*.py "$ROOT"/plugins/*/tests/test_*.py; do
		echo "-- ${t#$ROOT/}"
		count < <(CRM_STATE=$STATE CRM_ROOT=$ROOT PYTHONPATH=$ROOT/tests/system timeout 600 /usr/bin/python3 "$t" 2>&1)
	done
	# Browser tests drive Debian's chromium through playwright-core (tests/browser).
	if ls "$ROOT"/tests/browser/test_*.mjs >/dev/null 2>&1; then
		(cd "$ROOT/tests/browser" && [ -d node_modules/playwright-core ] || npm ci --silent --no-audit --no-fund >/dev/null 2>&1 || npm install --silent --no-audit --no-fund >/dev/null 2>&1)
		for t in "$ROOT"/tests/browser/test_*.mjs; do
			echo "-- ${t#$ROOT/}"
			count < <(CRM_STATE=$STATE CRM_ROOT=$ROOT ARTIFACTS=$BUILD/artifacts timeout 300 node "$t" 2>&1)
		done
	fi
fi
"$ROOT/scripts/stack.sh" down "$STATE" >/dev/null 2>&1

for f in "$STATE"/asan/*; do
	[ -s "$f" ] || continue
	echo "--- sanitizer report $f"
	head -60 "$f"
	echo "not ok - sanitizer report $(basename "$f")"
	failed=$((failed + 1))
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
