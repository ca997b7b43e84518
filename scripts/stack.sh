#!/usr/bin/env bash
# A private MariaDB + crmd + nginx under one state directory, for `make run` and the system tests.
# Usage: scripts/stack.sh up|down|status|reload|db-start|db-stop DIR
# Environment: PORT (default 8080; tenant "second" listens on PORT+1), BUILD (default build).
set -euo pipefail

usage() {
	echo "usage: $0 up|down|status|reload|db-start|db-stop DIR" >&2
	exit 2
}
[[ $# -eq 2 ]] || usage
cmd=$1

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
mkdir -p "$2"
DIR=$(cd "$2" && pwd)
BUILD=${BUILD:-build}
[[ $BUILD == /* ]] || BUILD=$PWD/$BUILD
PORT=${PORT:-8080}
[[ $PORT =~ ^[0-9]+$ ]] || { echo "stack: PORT must be a number" >&2; exit 2; }

MY=$DIR/mysql
MY_SOCK=$MY/mysqld.sock
MY_PID=$MY/mysqld.pid
NG=$DIR/nginx
NGINX=(nginx -p "$NG/" -c "$NG/nginx.conf" -e "$NG/error.log")
CONF=$DIR/crm.conf
CRMD_PID=$DIR/crmd.pid          # written by crmd itself (pid_file)
CRMD_LAUNCH=$DIR/crmd.launch.pid # the pid we started, in case crmd died before writing its own
export LD_LIBRARY_PATH=$BUILD/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}

die() {
	echo "stack: $*" >&2
	exit 1
}

# Whether pid $1 runs: a zombie does not (PID 1 here may reap orphans only every few seconds).
alive() {
	local state
	state=$(ps -o stat= -p "$1" 2>/dev/null) && [[ $state != Z* ]]
}

# Whether any process of group $1 runs.
group_alive() {
	ps -eo pgid=,stat= | awk -v g="$1" '$1 == g && $2 !~ /^Z/ { found = 1 } END { exit !found }'
}

# The pid in file $1 if that process is alive and its command line mentions $2.
live_pid() {
	local pid cmdline
	[[ -s $1 ]] || return 1
	pid=$(tr -dc 0-9 <"$1")
	[[ -n $pid ]] && alive "$pid" || return 1
	if [[ -r /proc/$pid/cmdline ]]; then
		cmdline=$(tr '\0' ' ' <"/proc/$pid/cmdline")
		[[ $cmdline == *"$2"* ]] || return 1
	fi
	echo "$pid"
}

# SIGTERM to pid $1; wait up to $2 s for its whole process group (we start each
# daemon as a session leader, so the group is the daemon and its children) to go,
# then SIGKILL the group.
stop_pid() {
	local pid=$1 i
	kill -TERM "$pid" 2>/dev/null || true
	for ((i = 0; i < $2 * 10; i++)); do
		alive "$pid" || group_alive "$pid" || return 0
		sleep 0.1
	done
	echo "stack: pid $pid did not stop in $2 s; killing it" >&2
	kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
	sleep 0.1
}

check_socket_path() {
	# sun_path holds 107 bytes plus the NUL.
	((${#1} <= 107)) || die "socket path too long for a unix socket (${#1} > 107): $1"
}

tails() {
	local f
	for f in "$MY/error.log" "$DIR/crmctl.log" "$DIR/crmd.out" "$DIR/crmd.log" "$NG/error.log"; do
		[[ -s $f ]] || continue
		echo "--- $f" >&2
		tail -n 20 "$f" >&2
	done
}

db_start() {
	mkdir -p "$MY"
	check_socket_path "$MY_SOCK"
	local me as_root=()
	me=$(id -un)
	[[ $(id -u) -ne 0 ]] || as_root=(--user=root)
	if [[ ! -d $MY/data/mysql ]]; then
		# Root (or, when not root, the invoking user) signs in through the socket, no password.
		mariadb-install-db --no-defaults --datadir="$MY/data" --user="$me" \
			--auth-root-authentication-method=socket --skip-test-db \
			>"$MY/install.log" 2>&1 || { tail -n 30 "$MY/install.log" >&2; die "mariadb-install-db failed"; }
	fi
	live_pid "$MY_PID" mariadbd >/dev/null && return 0
	rm -f "$MY_SOCK"
	setsid mariadbd --no-defaults "${as_root[@]}" --datadir="$MY/data" --socket="$MY_SOCK" \
		--pid-file="$MY_PID" --log-error="$MY/error.log" --skip-networking \
		--character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci \
		</dev/null >>"$MY/mariadbd.out" 2>&1 &
	local pid=$! deadline=$((SECONDS + 30))
	while ((SECONDS < deadline)); do
		mariadb-admin --no-defaults --socket="$MY_SOCK" ping >/dev/null 2>&1 && return 0
		alive "$pid" || break
		sleep 0.1
	done
	tails
	die "MariaDB did not start (log: $MY/error.log)"
}

db_stop() {
	local pid
	if pid=$(live_pid "$MY_PID" mariadbd); then
		stop_pid "$pid" 60
	fi
	rm -f "$MY_PID"
}

write_crm_conf() {
	if [[ -e $CONF ]]; then
		grep -qxF "plugins_dir = $BUILD/plugins" "$CONF" ||
			echo "stack: $CONF (kept) has another plugins_dir than $BUILD/plugins" >&2
		return 0
	fi
	local user
	user=$(id -un)
	mkdir -p "$DIR/files"
	cat >"$CONF" <<EOF
# Written by scripts/stack.sh for a private instance; kept across runs (crmctl may add tenants).

[server]
socket = $DIR/crmd.sock
socket_mode = 0666
pid_file = $CRMD_PID
log_file = $DIR/crmd.log
workers = 0
threads = 16
plugins_dir = $BUILD/plugins
data_dir = $ROOT
# The test plugins keep their templates beside their code.
plugin_data = $ROOT/plugins:$ROOT/tests/plugins
theme = default
files_dir = $DIR/files
max_body = 11534336
max_fields = 1000
max_field_len = 1048576
attachment_max = 10485760
locale = en

[db]
socket = $MY_SOCK
user = $user
password =
connect_timeout = 1
read_timeout = 30

[tenant default]
database = crm_default

[tenant second]
database = crm_second
EOF
}

# The config for nginx; prints "changed" when it differs from the one in place.
write_nginx_conf() {
	mkdir -p "$NG/tmp"
	# nginx workers run as nobody when the master is root: they must reach the
	# crmd socket in DIR and the static files in the source tree.
	chmod 0755 "$DIR" "$NG" "$NG/tmp"
	local user_line="" mime="include /etc/nginx/mime.types;"
	if [[ $(id -u) -eq 0 ]] &&
		! setpriv --reuid=nobody --regid=nogroup --clear-groups \
			test -x "$DIR" -a -r "$ROOT/themes/default/static" 2>/dev/null; then
		echo "stack: user nobody cannot reach $DIR or $ROOT/themes; nginx workers run as root" >&2
		user_line="user root root;"
	fi
	[[ -r /etc/nginx/mime.types ]] ||
		mime="types { text/html html; text/css css; application/javascript js; image/svg+xml svg; image/png png; image/x-icon ico; font/woff2 woff2; }"
	cat >"$NG/nginx.conf.new" <<EOF
# Written by scripts/stack.sh: a private nginx for $DIR.
$user_line
worker_processes auto;
pid $NG/nginx.pid;
error_log $NG/error.log warn;

events {
	worker_connections 2048;
}

http {
	$mime
	default_type application/octet-stream;
	sendfile on;
	tcp_nopush on;
	keepalive_timeout 65;
	server_tokens off;

	log_format crm '\$remote_addr [\$time_local] "\$request" \$status \$body_bytes_sent '
	               'rt=\$request_time urt=\$upstream_response_time tenant=\$crm_tenant';
	access_log $NG/access.log crm buffer=32k flush=1s;

	client_body_temp_path $NG/tmp/body;
	proxy_temp_path $NG/tmp/proxy;
	fastcgi_temp_path $NG/tmp/fastcgi;
	uwsgi_temp_path $NG/tmp/uwsgi;
	scgi_temp_path $NG/tmp/scgi;

	upstream crmd {
		server unix:$DIR/crmd.sock;
	}

	server {
		listen 127.0.0.1:$PORT;
		server_name localhost;
		set \$crm_root $ROOT;
		set \$crm_tenant default;
		include $ROOT/nginx/crm.conf;
	}

	server {
		listen 127.0.0.1:$((PORT + 1));
		server_name localhost;
		set \$crm_root $ROOT;
		set \$crm_tenant second;
		include $ROOT/nginx/crm.conf;
	}
}
EOF
	if cmp -s "$NG/nginx.conf.new" "$NG/nginx.conf"; then
		rm -f "$NG/nginx.conf.new"
	else
		mv "$NG/nginx.conf.new" "$NG/nginx.conf"
		echo changed
	fi
}

crmd_pid() {
	live_pid "$CRMD_PID" crmd || live_pid "$CRMD_LAUNCH" crmd
}

CRMD_DEFAULT_TUNABLES=glibc.malloc.tcache_count=300

crmd_start() {
	crmd_pid >/dev/null && return 0
	[[ -x $BUILD/bin/crmd ]] || die "$BUILD/bin/crmd is missing: build it first (make)"
	check_socket_path "$DIR/crmd.sock"
	rm -f "$DIR/crmd.sock" "$CRMD_PID"
	# glibc's per-thread cache holds 7 chunks of a size by default: a page frees thousands
	# of small libxml2 nodes, and the rest went through the arena's bins (and
	# malloc_consolidate). Also in nginx/crmd.service; CRMD_TUNABLES overrides it.
	GLIBC_TUNABLES=${CRMD_TUNABLES-$CRMD_DEFAULT_TUNABLES} \
		setsid "$BUILD/bin/crmd" -c "$CONF" </dev/null >>"$DIR/crmd.out" 2>&1 &
	echo $! >"$CRMD_LAUNCH"
}

crmd_stop() {
	local pid
	if pid=$(crmd_pid); then
		stop_pid "$pid" 10
	fi
	rm -f "$CRMD_PID" "$CRMD_LAUNCH"
}

nginx_start() {
	local changed=$1
	if live_pid "$NG/nginx.pid" nginx >/dev/null; then
		[[ -z $changed ]] || "${NGINX[@]}" -s reload 2>>"$NG/error.log"
		return 0
	fi
	"${NGINX[@]}" -q -t 2>>"$NG/error.log" || { tails; die "nginx config test failed ($NG/nginx.conf)"; }
	"${NGINX[@]}" 2>>"$NG/error.log" || { tails; die "nginx did not start"; }
}

nginx_stop() {
	local pid i
	pid=$(live_pid "$NG/nginx.pid" nginx) || return 0
	"${NGINX[@]}" -s quit 2>/dev/null || kill -QUIT "$pid" 2>/dev/null || true
	for ((i = 0; i < 100; i++)); do
		alive "$pid" || return 0
		sleep 0.1
	done
	kill -KILL "$pid" 2>/dev/null || true
}

http_code() {
	curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$PORT/healthz" || true
}

up() {
	db_start
	write_crm_conf
	local changed deadline
	changed=$(write_nginx_conf)
	[[ -x $BUILD/bin/crmctl ]] || die "$BUILD/bin/crmctl is missing: build it first (make)"
	"$BUILD/bin/crmctl" -c "$CONF" migrate >>"$DIR/crmctl.log" 2>&1 ||
		{ tails; die "crmctl migrate failed (log: $DIR/crmctl.log)"; }
	crmd_start
	nginx_start "$changed"
	deadline=$((SECONDS + 20))
	while ((SECONDS < deadline)); do
		# Ask only once crmd listens, so that nginx's log stays free of failed connects.
		[[ -S $DIR/crmd.sock && $(http_code) == 200 ]] && return 0
		crmd_pid >/dev/null || break
		sleep 0.2
	done
	tails
	die "http://127.0.0.1:$PORT/healthz did not answer 200"
}

down() {
	nginx_stop
	crmd_stop
	db_stop
}

status() {
	local pid bad=0
	# The port nginx was set up with, whatever PORT says now.
	[[ ! -r $NG/nginx.conf ]] || PORT=$(awk -F'[:;]' '/listen 127\.0\.0\.1:/ { print $2; exit }' "$NG/nginx.conf")
	if pid=$(live_pid "$MY_PID" mariadbd); then echo "mariadb: running (pid $pid, socket $MY_SOCK)"; else echo "mariadb: stopped"; bad=1; fi
	if pid=$(crmd_pid); then echo "crmd:    running (pid $pid, socket $DIR/crmd.sock)"; else echo "crmd:    stopped"; bad=1; fi
	if pid=$(live_pid "$NG/nginx.pid" nginx); then echo "nginx:   running (pid $pid, http://127.0.0.1:$PORT/ and :$((PORT + 1))/)"; else echo "nginx:   stopped"; bad=1; fi
	echo "healthz: $(http_code)"
	return $bad
}

reload() {
	local pid
	pid=$(crmd_pid) || die "crmd is not running"
	kill -HUP "$pid"
	if live_pid "$NG/nginx.pid" nginx >/dev/null; then
		"${NGINX[@]}" -s reload 2>>"$NG/error.log"
	fi
}

case "$cmd" in
up) up ;;
down) down ;;
status) status ;;
reload) reload ;;
db-start) db_start ;;
db-stop) db_stop ;;
*) usage ;;
esac
