#!/usr/bin/env bash
# make bench: wrk through nginx against (a) the bare libfcgi hello, (b) crmd's GET /ping,
# (c) crmd's GET / (one prepared query, XSLT page) and (d) a PHP-FPM page doing the same
# query; prints req/s, p50, p99 and the ratios b/a and c/d, and writes them to
# $BUILD/results.txt. Stops everything it started. See bench/README.md.
# Environment: BUILD (default build), BENCH_PORT (default 8200: the stack on it and +1,
# hello on +2, PHP on +3), BENCH_DURATION (10s), BENCH_WARMUP (3s), BENCH_CONNECTIONS (32),
# BENCH_WRK_THREADS (2), PHP_CHILDREN (default crmd's workers x threads),
# PHP_PERSISTENT (1: mysqli persistent connection; 0: connect per request), BENCH_HOLD
# (seconds to keep everything up after measuring, for a profiler).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${BUILD:-build}
[[ $BUILD == /* ]] || BUILD=$PWD/$BUILD
PORT=${BENCH_PORT:-8200}
DURATION=${BENCH_DURATION:-10s}
WARMUP=${BENCH_WARMUP:-3s}
CONNS=${BENCH_CONNECTIONS:-32}
WRK_THREADS=${BENCH_WRK_THREADS:-2}
PHP_PERSISTENT=${PHP_PERSISTENT:-1}
STATE=$BUILD/state     # scripts/stack.sh: MariaDB, crmd, nginx on PORT
RUN=$BUILD/bench-run   # hello, php-fpm and the second nginx
RESULTS=$BUILD/results.txt
NG=$RUN/nginx
NGINX=(nginx -p "$NG/" -c "$NG/nginx.conf" -e "$NG/error.log")
export LD_LIBRARY_PATH=$BUILD/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}

die() {
	echo "bench: $*" >&2
	exit 1
}

for tool in wrk nginx curl cc mariadb; do
	command -v "$tool" >/dev/null || die "$tool is missing: run scripts/deps.sh bench"
done
PHP_FPM=$(command -v php-fpm8.2 || compgen -c php-fpm | sort -V | tail -n 1 || true)
[[ -n $PHP_FPM ]] || die "php-fpm is missing: run scripts/deps.sh bench"
PHP_FPM=$(command -v "$PHP_FPM")
[[ -x $BUILD/bin/crmd ]] || die "$BUILD/bin/crmd is missing: make BUILD=$BUILD first"

mkdir -p "$RUN" "$NG/tmp"
chmod 0755 "$RUN" "$NG" "$NG/tmp"

# --- stopping: whatever this run started, in reverse order, whatever happens ---
HELLO_PID="" FPM_PID="" STACK_UP="" HOLD_PID=""
alive() { kill -0 "$1" 2>/dev/null; }
wait_gone() {
	local i
	for ((i = 0; i < 100; i++)); do
		alive "$1" || return 0
		sleep 0.1
	done
	kill -KILL "$1" 2>/dev/null || true
}
cleanup() {
	trap - EXIT INT TERM
	local pid
	[[ -z $HOLD_PID ]] || kill "$HOLD_PID" 2>/dev/null || true
	if [[ -s $NG/nginx.pid ]] && pid=$(<"$NG/nginx.pid") && alive "$pid"; then
		kill -QUIT "$pid" 2>/dev/null || true
		wait_gone "$pid"
	fi
	for pid in $FPM_PID $HELLO_PID; do
		kill -TERM "$pid" 2>/dev/null || true
		wait_gone "$pid"
	done
	rm -f "$RUN/hello.sock" "$RUN/php-fpm.sock"
	[[ -z $STACK_UP ]] || BUILD=$BUILD PORT=$PORT "$ROOT/scripts/stack.sh" down "$STATE" || true
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Leftovers of a run that was killed before its trap ran.
for f in "$NG/nginx.pid" "$RUN/php-fpm.pid" "$RUN/hello.pid"; do
	[[ -s $f ]] || continue
	pid=$(tr -dc 0-9 <"$f")
	if [[ -n $pid ]] && alive "$pid" && grep -qaE 'nginx|php-fpm|hello' "/proc/$pid/cmdline" 2>/dev/null; then
		echo "bench: stopping pid $pid left by an earlier run ($f)" >&2
		kill -TERM "$pid" 2>/dev/null || true
		wait_gone "$pid"
	fi
	rm -f "$f"
done

# --- (b), (c): the private stack, then its data ---
echo "bench: starting MariaDB, crmd and nginx (scripts/stack.sh, port $PORT)"
STACK_UP=1
DB_SOCK=$STATE/mysql/mysqld.sock
DB_USER=$(id -un)
DB_NAME=crm_default
# Fresh tenant databases every run: the schema is the tree's as it is now, and the
# data only what seed.sql puts there (crm.conf, with its workers and threads, is kept).
BUILD=$BUILD PORT=$PORT "$ROOT/scripts/stack.sh" db-start "$STATE"
mariadb --no-defaults --socket="$DB_SOCK" -u "$DB_USER" \
	-e 'DROP DATABASE IF EXISTS crm_default; DROP DATABASE IF EXISTS crm_second' ||
	die "cannot reset the bench databases"
BUILD=$BUILD PORT=$PORT "$ROOT/scripts/stack.sh" up "$STATE"
mariadb --no-defaults --socket="$DB_SOCK" -u "$DB_USER" "$DB_NAME" <"$ROOT/bench/seed.sql" ||
	die "seeding failed"

# crmd's processes and threads, so that hello and PHP get the same.
conf_value() {
	awk -F '[ \t]*=[ \t]*' -v k="$1" '/^\[/ { s = $0 } s == "[server]" && $1 == k { v = $2 } END { print v }' \
		"$STATE/crm.conf"
}
WORKERS=$(conf_value workers)
THREADS=$(conf_value threads)
[[ $WORKERS =~ ^[0-9]+$ && $WORKERS -gt 0 ]] || WORKERS=$(getconf _NPROCESSORS_ONLN)
[[ $THREADS =~ ^[0-9]+$ && $THREADS -gt 0 ]] || THREADS=1
PHP_CHILDREN=${PHP_CHILDREN:-$((WORKERS * THREADS))}

# --- (a): the hello program, built as any libfcgi app is ---
mkdir -p "$BUILD/bench-bin"
cc -std=c17 -D_GNU_SOURCE -Wall -Wextra -Werror -O2 -o "$BUILD/bench-bin/hello" \
	"$ROOT/bench/hello.c" -lfcgi -lpthread
setsid "$BUILD/bench-bin/hello" "$RUN/hello.sock" "$WORKERS" "$THREADS" \
	</dev/null >>"$RUN/hello.log" 2>&1 &
HELLO_PID=$!
echo "$HELLO_PID" >"$RUN/hello.pid"

# --- (d): a private php-fpm ---
user_line="" as_root=()
if [[ $(id -u) -eq 0 ]]; then
	# MariaDB signs root in by its socket's peer uid: the children must be root too.
	user_line=$'user = root\ngroup = root'
	as_root=(-R)
fi
sed -e "s|@RUN@|$RUN|g" -e "s|@CHILDREN@|$PHP_CHILDREN|g" \
	-e "s|@USER@|${user_line//$'\n'/\\n}|" "$ROOT/bench/php/php-fpm.conf" >"$RUN/php-fpm.conf"
rm -f "$RUN/php-fpm.sock"
setsid "$PHP_FPM" -y "$RUN/php-fpm.conf" -p "$RUN" -F "${as_root[@]}" \
	</dev/null >>"$RUN/php-fpm.out" 2>&1 &
FPM_PID=$!

# --- the second nginx, for (a) and (d): the settings of nginx/crm.conf's location / ---
nginx_user=""
[[ $(id -u) -ne 0 ]] || nginx_user="user root root;"
fastcgi_common="
			fastcgi_connect_timeout 5s;
			fastcgi_send_timeout 60s;
			fastcgi_read_timeout 60s;
			fastcgi_next_upstream error timeout;
			fastcgi_buffer_size 16k;
			fastcgi_buffers 32 16k;
			fastcgi_intercept_errors off;
			fastcgi_param QUERY_STRING      \$query_string;
			fastcgi_param REQUEST_METHOD    \$request_method;
			fastcgi_param CONTENT_TYPE      \$content_type;
			fastcgi_param CONTENT_LENGTH    \$content_length;
			fastcgi_param SCRIPT_NAME       \$fastcgi_script_name;
			fastcgi_param REQUEST_URI       \$request_uri;
			fastcgi_param DOCUMENT_URI      \$document_uri;
			fastcgi_param SERVER_PROTOCOL   \$server_protocol;
			fastcgi_param REQUEST_SCHEME    \$scheme;
			fastcgi_param SERVER_NAME       \$server_name;
			fastcgi_param SERVER_PORT       \$server_port;
			fastcgi_param REMOTE_ADDR       \$remote_addr;
			fastcgi_param REMOTE_PORT       \$remote_port;
			fastcgi_param GATEWAY_INTERFACE CGI/1.1;"
cat >"$NG/nginx.conf" <<EOF
# Written by bench/run.sh: (a) hello on $((PORT + 2)), (d) PHP-FPM on $((PORT + 3)).
# The same http settings as scripts/stack.sh's nginx; no fastcgi_keep_conn, as nginx/crm.conf.
$nginx_user
worker_processes auto;
pid $NG/nginx.pid;
error_log $NG/error.log warn;

events {
	worker_connections 2048;
}

http {
	default_type application/octet-stream;
	sendfile on;
	tcp_nopush on;
	keepalive_timeout 65;
	server_tokens off;
	access_log $NG/access.log combined buffer=32k flush=1s;

	client_body_temp_path $NG/tmp/body;
	proxy_temp_path $NG/tmp/proxy;
	fastcgi_temp_path $NG/tmp/fastcgi;
	uwsgi_temp_path $NG/tmp/uwsgi;
	scgi_temp_path $NG/tmp/scgi;

	upstream hello {
		server unix:$RUN/hello.sock;
	}
	upstream php {
		server unix:$RUN/php-fpm.sock;
	}

	server {
		listen 127.0.0.1:$((PORT + 2));
		server_name localhost;
		location / {
			fastcgi_pass hello;$fastcgi_common
		}
	}

	server {
		listen 127.0.0.1:$((PORT + 3));
		server_name localhost;
		location / {
			fastcgi_pass php;$fastcgi_common
			fastcgi_param SCRIPT_FILENAME     $ROOT/bench/php/index.php;
			fastcgi_param BENCH_DB_SOCKET     $DB_SOCK;
			fastcgi_param BENCH_DB_USER       $DB_USER;
			fastcgi_param BENCH_DB_NAME       $DB_NAME;
			fastcgi_param BENCH_DB_PERSISTENT $PHP_PERSISTENT;
			fastcgi_param BENCH_TENANT        default;
		}
	}
}
EOF
"${NGINX[@]}" -q -t 2>>"$NG/error.log" || die "nginx config test failed ($NG/nginx.conf, $NG/error.log)"
"${NGINX[@]}" 2>>"$NG/error.log" || die "nginx did not start ($NG/error.log)"

# --- every target answers its real page before it is measured ---
NAMES=(a b c d)
LABELS=("libfcgi hello (floor)" "crmd GET /ping" "crmd GET / (query+XSLT)" "PHP-FPM (query+html)")
URLS=("http://127.0.0.1:$((PORT + 2))/" "http://127.0.0.1:$PORT/ping"
	"http://127.0.0.1:$PORT/" "http://127.0.0.1:$((PORT + 3))/")
MARKS=("pong" "pong" '<td>home</td>' '<td>home</td>')
for i in "${!URLS[@]}"; do
	deadline=$((SECONDS + 15))
	until body=$(curl -sf --max-time 2 "${URLS[$i]}") && [[ $body == *"${MARKS[$i]}"* ]]; do
		((SECONDS < deadline)) || {
			tail -n 5 "$RUN"/*.log "$NG/error.log" 2>/dev/null >&2 || true
			die "${URLS[$i]} (${LABELS[$i]}) did not answer a page with ${MARKS[$i]}"
		}
		sleep 0.2
	done
done

# --- measuring ---
# A wrk duration in ms: "1.23ms", "850.00us", "1.01s".
to_ms() {
	awk -v v="$1" 'BEGIN {
		n = v + 0; u = v; sub(/^[0-9.]+/, "", u)
		if (u == "us") n /= 1000; else if (u == "s") n *= 1000; else if (u == "m") n *= 60000
		printf "%.2f", n }'
}
declare -A RPS P50 P99 ERRS
echo "bench: wrk -t$WRK_THREADS -c$CONNS -d$DURATION --latency, after a $WARMUP warm-up each"
for i in "${!URLS[@]}"; do
	n=${NAMES[$i]}
	wrk -t"$WRK_THREADS" -c"$CONNS" -d"$WARMUP" "${URLS[$i]}" >/dev/null
	wrk -t"$WRK_THREADS" -c"$CONNS" -d"$DURATION" --latency "${URLS[$i]}" >"$BUILD/wrk-$n.txt"
	RPS[$n]=$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$BUILD/wrk-$n.txt")
	P50[$n]=$(to_ms "$(awk '$1 == "50%" { print $2 }' "$BUILD/wrk-$n.txt")")
	P99[$n]=$(to_ms "$(awk '$1 == "99%" { print $2 }' "$BUILD/wrk-$n.txt")")
	# Non-2xx answers and socket errors: a fast error page must not pass for a result.
	ERRS[$n]=$(awk '/Non-2xx/ { e += $NF } /Socket errors/ { gsub(/,/, ""); e += $4 + $6 + $8 + $10 }
		END { print e + 0 }' "$BUILD/wrk-$n.txt")
	printf '  %s %-24s %8s req/s\n' "$n" "${LABELS[$i]}" "${RPS[$n]}"
done

ratio() { awk -v x="$1" -v y="$2" 'BEGIN { printf "%.2f", (y > 0 ? x / y : 0) }'; }
verdict() { awk -v r="$1" -v t="$2" 'BEGIN { print (r >= t ? "met" : "MISSED") }'; }
ba=$(ratio "${RPS[b]}" "${RPS[a]}")
cd_=$(ratio "${RPS[c]}" "${RPS[d]}")
{
	echo "make bench $(date -u '+%Y-%m-%d %H:%M UTC'), $(getconf _NPROCESSORS_ONLN) cpus; wrk -t$WRK_THREADS -c$CONNS -d$DURATION through nginx (no fastcgi_keep_conn)"
	echo "crmd and hello: $WORKERS processes x $THREADS threads; php-fpm: pm static, $PHP_CHILDREN children, mysqli persistent=$PHP_PERSISTENT"
	echo
	printf '%-28s %10s %9s %9s %7s\n' "target" "req/s" "p50 ms" "p99 ms" "errors"
	for i in "${!NAMES[@]}"; do
		n=${NAMES[$i]}
		printf '%-28s %10s %9s %9s %7s\n' "$n ${LABELS[$i]}" "${RPS[$n]}" "${P50[$n]}" "${P99[$n]}" "${ERRS[$n]}"
	done
	echo
	echo "b/a = $ba  (target >= 0.9: $(verdict "$ba" 0.9))"
	echo "c/d = $cd_  (target >= 2:   $(verdict "$cd_" 2))"
} | tee "$RESULTS"
echo "bench: written to $RESULTS (wrk output: $BUILD/wrk-[abcd].txt)"
if [[ ${BENCH_HOLD:-0} -gt 0 ]]; then
	echo "bench: everything stays up for $BENCH_HOLD s (BENCH_HOLD), for a profiler"
	# In the background, so that a signal runs the trap at once.
	sleep "$BENCH_HOLD" &
	HOLD_PID=$!
	wait "$HOLD_PID"
fi
