#!/usr/bin/env bash
# make bench: wrk through nginx against (a) the bare libfcgi hello, (b) crmd's GET /ping,
# (c) crmd's GET / (one prepared query, XSLT page) and (d) a PHP-FPM page doing the same
# query, then the contacts list signed in as a user whose visibility filter applies: (e) over
# 1,000 contacts, (f) over 1,000,000, (g) a search by phone and (h) by name over 1,000,000;
# then the CSV import rate. Prints req/s, p50, p99 and the ratios, and writes them to
# $BUILD/results.txt. Stops everything it started. See bench/README.md.
# Environment: BUILD (default build), BENCH_PORT (default 8200: the stack on it and +1,
# hello on +2, PHP on +3), BENCH_DURATION (10s), BENCH_WARMUP (3s), BENCH_CONNECTIONS (32),
# BENCH_WRK_THREADS (2), PHP_CHILDREN (default crmd's workers x threads),
# PHP_PERSISTENT (1: mysqli persistent connection; 0: connect per request), BENCH_HOLD
# (seconds to keep everything up after measuring, for a profiler), BENCH_CONTACTS (1000000),
# BENCH_IMPORT_ROWS (100000; 0 skips the import).
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

for tool in wrk nginx curl cc mariadb python3; do
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
BIG_DB=crm_second # tenant "second", on PORT+1: the million contacts
BIG_ROWS=${BENCH_CONTACTS:-1000000}
IMPORT_ROWS=${BENCH_IMPORT_ROWS:-100000}
BENCH_LOGIN=bench-user BENCH_PASSWORD=bench-password-1
db() { mariadb --no-defaults --socket="$DB_SOCK" -u "$DB_USER" "$@"; }
# Fresh tenant databases every run: the schema is the tree's as it is now, and the
# data only what the seeds put there (crm.conf, with its workers and threads, is kept).
# The million contacts take a minute to seed: their database is kept while it was
# seeded from the same migrations and seeds (its marker setting says which).
BIG_MARK=$(cat "$ROOT"/sql/*.sql "$ROOT"/plugins/*/migrations/*.sql "$ROOT/bench/seed.sql" \
	"$ROOT/bench/seed_contacts.sql" "$ROOT/bench/seed_leads.sql" | sha256sum | cut -c1-32):$BIG_ROWS
BUILD=$BUILD PORT=$PORT "$ROOT/scripts/stack.sh" db-start "$STATE"
big_kept=$(db -N -e "SELECT 1 FROM $BIG_DB.crm_setting WHERE name = 'bench.contacts_seed' AND value = '$BIG_MARK'" \
	2>/dev/null || true)
drop="DROP DATABASE IF EXISTS crm_default;"
[[ -n $big_kept ]] || drop+=" DROP DATABASE IF EXISTS $BIG_DB;"
db -e "$drop" || die "cannot reset the bench databases"
BUILD=$BUILD PORT=$PORT "$ROOT/scripts/stack.sh" up "$STATE"
db "$DB_NAME" <"$ROOT/bench/seed.sql" || die "seeding failed"
# The contacts: the signed-in user owns a twentieth, sees those, the public ~10% and
# the ones it manages (bench/seed_contacts.sql).
seed_contacts() { # database tenant rows
	db "$1" <"$ROOT/bench/seed.sql" || die "seeding $1 failed"
	printf '%s\n' "$BENCH_PASSWORD" | "$BUILD/bin/crmctl" -c "$STATE/crm.conf" user add "$BENCH_LOGIN" \
		"Bench User" -r user -t "$2" >/dev/null || die "crmctl user add failed ($2)"
	sed "s/@ROWS@/$3/g" "$ROOT/bench/seed_contacts.sql" | db "$1" || die "seeding the contacts of $1 failed"
	db "$1" -e 'ANALYZE TABLE contact, contact_email, contact_phone, crm_record_user' >/dev/null
}
seed_contacts "$DB_NAME" default 1000
# The deals board's 20,000 open deals, in the 1,000 contacts' tenant.
db "$DB_NAME" <"$ROOT/bench/seed_deals.sql" || die "seeding the deals failed"
db "$DB_NAME" -e 'ANALYZE TABLE deal' >/dev/null
if [[ -z $big_kept ]]; then
	echo "bench: seeding $BIG_ROWS contacts in $BIG_DB (kept for the next runs)"
	t0=$SECONDS
	seed_contacts "$BIG_DB" second "$BIG_ROWS"
	# As many leads as contacts, with the same owners and visibility mix.
	sed "s/@ROWS@/$BIG_ROWS/g" "$ROOT/bench/seed_leads.sql" | db "$BIG_DB" || die "seeding the leads failed"
	db "$BIG_DB" -e 'ANALYZE TABLE lead' >/dev/null
	db "$BIG_DB" -e "REPLACE INTO crm_setting (name, value) VALUES ('bench.contacts_seed', '$BIG_MARK')"
	echo "bench: seeded in $((SECONDS - t0)) s"
else
	echo "bench: $BIG_ROWS contacts kept in $BIG_DB from an earlier run"
fi

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

# --- the contacts pages are a signed-in user's: its session cookie, for curl and wrk ---
# The sign-in form's token goes back as a field and as its cookie (double submit).
session() { # port -> "crm_session=..."
	local jar=$RUN/cookies-$1 page token
	rm -f "$jar"
	page=$(curl -sf --max-time 5 -c "$jar" -b "$jar" "http://127.0.0.1:$1/login?next=/contacts") ||
		die "no sign-in page on port $1"
	token=$(sed -n 's/.*name="login_token" value="\([^"]*\)".*/\1/p' <<<"$page" | head -n 1)
	curl -sf --max-time 5 -o /dev/null -c "$jar" -b "$jar" --data-urlencode "login=$BENCH_LOGIN" \
		--data-urlencode "password=$BENCH_PASSWORD" --data-urlencode "login_token=$token" \
		--data-urlencode next=/contacts "http://127.0.0.1:$1/login" || die "sign-in failed on port $1"
	awk '$6 == "crm_session" { print "crm_session=" $7 }' "$jar"
}
COOKIE_SMALL=$(session "$PORT")
COOKIE_BIG=$(session $((PORT + 1)))
[[ -n $COOKIE_SMALL && -n $COOKIE_BIG ]] || die "no session cookie after signing in"
# What the searches look for: one of the bench user's contacts, by its phone as typed
# and by its surname (found ~250 times per million, most of them not the user's).
IFS=$'\t' read -r find_name find_surname find_phone < <(db -N "$BIG_DB" -e "
	SELECT c.name, c.last_name, ph.typed FROM contact c JOIN contact_phone ph ON ph.contact_id = c.id
	JOIN crm_user u ON u.id = c.owner_id WHERE u.login = '$BENCH_LOGIN' AND c.kind = 'person'
	ORDER BY c.id LIMIT 1 OFFSET 1000")
[[ -n $find_phone ]] || die "no contact of $BENCH_LOGIN with a phone in $BIG_DB"
urlq() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$1"; }

# --- every target answers its real page before it is measured ---
NAMES=(a b c d e f g h i j)
LABELS=("libfcgi hello (floor)" "crmd GET /ping" "crmd GET / (query+XSLT)" "PHP-FPM (query+html)"
	"contacts list, 1k" "contacts list, 1M" "contacts phone search, 1M" "contacts name search, 1M"
	"leads list, 1M" "deals board, 20k open")
URLS=("http://127.0.0.1:$((PORT + 2))/" "http://127.0.0.1:$PORT/ping"
	"http://127.0.0.1:$PORT/" "http://127.0.0.1:$((PORT + 3))/"
	"http://127.0.0.1:$PORT/contacts" "http://127.0.0.1:$((PORT + 1))/contacts"
	"http://127.0.0.1:$((PORT + 1))/contacts?q=$(urlq "$find_phone")"
	"http://127.0.0.1:$((PORT + 1))/contacts?q=$(urlq "$find_surname")"
	"http://127.0.0.1:$((PORT + 1))/leads" "http://127.0.0.1:$PORT/deals/board")
MARKS=("pong" "pong" '<td>home</td>' '<td>home</td>' '<a href="/contacts/' '<a href="/contacts/'
	">$find_name</a>" ">$find_name</a>" '<a href="/leads/' 'href="/deals/')
COOKIES=("" "" "" "" "$COOKIE_SMALL" "$COOKIE_BIG" "$COOKIE_BIG" "$COOKIE_BIG" "$COOKIE_BIG" "$COOKIE_SMALL")
for i in "${!URLS[@]}"; do
	deadline=$((SECONDS + 15))
	until body=$(curl -sf --max-time 2 -H "Cookie: ${COOKIES[$i]}" "${URLS[$i]}") &&
		[[ $body == *"${MARKS[$i]}"* ]]; do
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
	hdr=()
	[[ -z ${COOKIES[$i]} ]] || hdr=(-H "Cookie: ${COOKIES[$i]}")
	wrk -t"$WRK_THREADS" -c"$CONNS" -d"$WARMUP" "${hdr[@]}" "${URLS[$i]}" >/dev/null
	wrk -t"$WRK_THREADS" -c"$CONNS" -d"$DURATION" --latency "${hdr[@]}" "${URLS[$i]}" >"$BUILD/wrk-$n.txt"
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
fd=$(ratio "${RPS[f]}" "${RPS[d]}")
ef=$(ratio "${RPS[e]}" "${RPS[f]}")
p99f=$(awk -v p="${P99[f]}" 'BEGIN { print (p <= 20 ? "met" : "MISSED") }')
id_=$(ratio "${RPS[i]}" "${RPS[d]}")
jd=$(ratio "${RPS[j]}" "${RPS[d]}")

# --- the import rate: bench/import_rate.py through the wizard, into the 1,000 set's tenant ---
IMPORT_LINE="import: skipped (BENCH_IMPORT_ROWS=0)"
if ((IMPORT_ROWS > 0)); then
	echo "bench: importing $IMPORT_ROWS rows (bench/import_rate.py)"
	(cd "$ROOT" && CRM_STATE=$STATE CRM_ROOT=$ROOT PORT=$PORT BUILD=$BUILD PYTHONPATH=tests/system \
		python3 bench/import_rate.py "$IMPORT_ROWS") >"$BUILD/import-rate.txt" 2>&1 ||
		{ tail -n 5 "$BUILD/import-rate.txt" >&2; die "the import run failed ($BUILD/import-rate.txt)"; }
	rate=$(sed -n 's/^runner: .*, \([0-9]*\) rows\/s;.*/\1/p' "$BUILD/import-rate.txt")
	IMPORT_LINE="import of $IMPORT_ROWS CSV rows: ${rate:-?} rows/s by the runner's timestamps  (target >= 5000: $(verdict "${rate:-0}" 5000))"
fi
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
	echo "f/d = $fd  (target >= 1.5: $(verdict "$fd" 1.5)); f p99 ${P99[f]} ms (target <= 20: $p99f)"
	echo "e/f = $ef  (target <= 1.2: $(awk -v r="$ef" 'BEGIN { print (r <= 1.2 ? "met" : "MISSED") }'))"
	echo "i/d = $id_  (target >= 1.5: $(verdict "$id_" 1.5)); i p99 ${P99[i]} ms"
	echo "j/d = $jd  (target >= 1.5: $(verdict "$jd" 1.5)); j p99 ${P99[j]} ms"
	echo "searches over 1M as $BENCH_LOGIN: g phone \"$find_phone\", h surname \"$find_surname\""
	echo "$IMPORT_LINE"
} | tee "$RESULTS"
echo "bench: written to $RESULTS (wrk output: $BUILD/wrk-[a-j].txt)"
if [[ ${BENCH_HOLD:-0} -gt 0 ]]; then
	echo "bench: everything stays up for $BENCH_HOLD s (BENCH_HOLD), for a profiler"
	# In the background, so that a signal runs the trap at once.
	sleep "$BENCH_HOLD" &
	HOLD_PID=$!
	wait "$HOLD_PID"
fi
