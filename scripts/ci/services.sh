#!/usr/bin/env bash
# System packages the tests need, from Debian (called from .ci/run; idempotent: installs only what is missing):
# - chromium: the editor test drives n8n in it (test tools cannot download their own browser here);
# - redis-server: the real-n8n queue-mode test (test/real-n8n/queue-mode.test.ts starts its own redis-server
#   on a free port and stops it; nothing runs as a system service);
# - dovecot-imapd: the IMAP server of the reply tests (test/helpers/imap-server.ts starts dovecot as a child
#   process with its own configuration on a free loopback port, and removes it all on teardown);
# - postgresql: the dunning ledger's tests start their own cluster (initdb in a temporary folder, a free port)
#   from /usr/lib/postgresql/<version>/bin and remove it on teardown;
# - poppler-utils: pdftotext and pdftoppm read and render the formal-notice PDF letters in tests;
# - openssl: the intercepting proxy through which n8n's Twilio node reaches the Twilio simulator makes its
#   throwaway CA and certificate with it (test/simulators/intercepting-proxy.ts; demo, e2e and real-n8n tests).
set -euo pipefail

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
[ -x /usr/sbin/dovecot ] || missing+=(dovecot-imapd)
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || missing+=(postgresql)
command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
command -v openssl >/dev/null 2>&1 || missing+=(openssl)

if [ "${#missing[@]}" -gt 0 ]; then
	echo "== installing ${missing[*]}"
	SUDO=""
	[ "$(id -u)" -ne 0 ] && SUDO="sudo"
	$SUDO apt-get update -qq
	# policy-rc.d's exit code 101 tells Debian's maintainer scripts not to start services (dovecot, redis).
	POLICY=/usr/sbin/policy-rc.d
	ADDED_POLICY=""
	if [ ! -e "$POLICY" ]; then
		printf '#!/bin/sh\nexit 101\n' | $SUDO tee "$POLICY" >/dev/null
		$SUDO chmod +x "$POLICY"
		ADDED_POLICY=1
	fi
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
	if [ -n "$ADDED_POLICY" ]; then $SUDO rm -f "$POLICY"; fi
fi
# The packages' own services are not wanted: the tests start redis-server and dovecot themselves.
for service in redis-server dovecot postgresql; do
	if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet "$service" 2>/dev/null; then
		systemctl stop "$service" || true
	fi
done
echo "== redis-server $(redis-server --version | sed -n 's/.*v=\([^ ]*\).*/\1/p')"
echo "== dovecot $(/usr/sbin/dovecot --version | cut -d' ' -f1)"
echo "== postgresql $(ls -d /usr/lib/postgresql/*/bin | head -1)"
echo "== $(pdftoppm -v 2>&1 | head -1)"
