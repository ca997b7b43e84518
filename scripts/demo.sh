#!/usr/bin/env bash
# Demo accounts for `make run`: a portal owner and a CRM user on tenant "default",
# with fixed passwords meant for trying the CRM out only. Users that exist are kept
# Usage: scripts/demo.sh DIR   (DIR holds crm.conf, as written by scripts/stack.sh; BUILD as for it)
set -euo pipefail

[[ $# -eq 1 ]] || { echo "usage: $0 DIR" >&2; exit 2; }
BUILD=${BUILD:-build}
CRMCTL=$BUILD/bin/crmctl
CONF=$1/crm.conf
[[ -x $CRMCTL ]] || { echo "demo: $CRMCTL is missing: build it first (make)" >&2; exit 1; }
[[ -r $CONF ]] || { echo "demo: $CONF is missing: start the stack first (scripts/stack.sh up $1)" >&2; exit 1; }

# login, display name, role, password
DEMO_USERS=(
	"owner|Ольга Владимирова|owner|demo-owner-1"
	"manager|Иван Смирнов|user|demo-manager-1"
)

for u in "${DEMO_USERS[@]}"; do
	IFS='|' read -r login name role password <<<"$u"
	# The password goes on stdin: the command line is visible to ps.
	if ! err=$("$CRMCTL" -c "$CONF" user add "$login" "$name" -r "$role" -t default \
		<<<"$password" 2>&1 >/dev/null); then
		# An existing login is what a second run meets; anything else is a real failure.
		[[ $err == *"already taken"* ]] || { echo "demo: adding user $login failed: $err" >&2; exit 1; }
	fi
done

# A few hundred contacts and companies owned by these users, loaded once.
python3 "$(dirname "$0")/../plugins/contacts/demo/demo.py" "$CONF"
# A dozen products and services in the catalog, loaded once.
python3 "$(dirname "$0")/../plugins/products/demo/demo.py" "$CONF"
# A few dozen leads in the main funnel's statuses, loaded once.
python3 "$(dirname "$0")/../plugins/leads/demo/demo.py" "$CONF"
# Three dozen deals across the stages, most with a demo contact, loaded once.
python3 "$(dirname "$0")/../plugins/deals/demo/demo.py" "$CONF"
# A handful of events with participants from the demo contacts, loaded once.
python3 "$(dirname "$0")/../plugins/events/demo/demo.py" "$CONF"
# A few dozen tasks about the demo contacts, due around now, loaded once.
python3 "$(dirname "$0")/../plugins/tasks/demo/demo.py" "$CONF"

echo "Demo logins (tenant default):"
for u in "${DEMO_USERS[@]}"; do
	IFS='|' read -r login name role password <<<"$u"
	printf '  %-8s password %-15s %s (%s)\n' "$login" "$password" "$name" "$role"
done
