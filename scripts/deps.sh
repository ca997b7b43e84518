#!/usr/bin/env bash
# Installs the Debian 12 packages needed to build, run and test the CRM; only the missing ones.
# Usage: scripts/deps.sh [bench|browser]...   (extra groups: the PHP benchmark, the browser tests)
set -euo pipefail

PACKAGES=(
	# build
	build-essential pkg-config
	libfcgi-dev libxslt1-dev libxml2-dev libmariadb-dev
	libcurl4-openssl-dev libsodium-dev libssl-dev libgmime-3.0-dev
	# records: photos, file types, CSV, zip export, phone numbers
	libgd-dev libmagic-dev libcsv-dev libzip-dev libphonenumber-dev
	# users' time zones (ICU's calendar)
	libicu-dev
	# run: the database, the front server
	mariadb-server mariadb-client nginx-light
	# test: unit tests, stylesheet checks, HTTP, mail servers, load
	libcmocka-dev xsltproc libxml2-utils libfcgi-bin curl python3 python3-aiosmtpd
	dovecot-imapd wrk
)
BENCH_PACKAGES=(php-fpm php-mysql)
BROWSER_PACKAGES=(chromium nodejs npm)

want=("${PACKAGES[@]}")
for group in "$@"; do
	case "$group" in
	bench) want+=("${BENCH_PACKAGES[@]}") ;;
	browser)
		# A machine may carry its own Node.js (with npm): Debian's would conflict with it.
		for p in "${BROWSER_PACKAGES[@]}"; do
			[[ ($p == nodejs && -x $(command -v node || true)) || ($p == npm && -x $(command -v npm || true)) ]] || want+=("$p")
		done
		;;
	*)
		echo "usage: $0 [bench|browser]..." >&2
		exit 2
		;;
	esac
done

missing=()
for p in "${want[@]}"; do
	status=$(dpkg-query -W -f='${db:Status-Abbrev}' "$p" 2>/dev/null || true)
	[[ "$status" == ii* ]] || missing+=("$p")
done
((${#missing[@]})) || exit 0

echo "deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
if [[ $(id -u) -eq 0 ]]; then
	as_root=()
elif command -v sudo >/dev/null 2>&1; then
	as_root=(sudo env DEBIAN_FRONTEND=noninteractive)
else
	echo "deps: not root and no sudo; as root, run:" >&2
	echo "  apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${missing[*]}" >&2
	exit 1
fi
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
