#!/usr/bin/env bash
# System packages the tests need, from Debian (called from .ci/run; idempotent: installs only what is missing):
# - chromium: the editor test drives n8n in it (test tools cannot download their own browser here);
# - redis-server: the real-n8n queue-mode test (test/real-n8n/queue-mode.test.ts starts its own redis-server
#   on a free port and stops it; nothing runs as a system service).
set -euo pipefail

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)

if [ "${#missing[@]}" -gt 0 ]; then
	echo "== installing ${missing[*]}"
	SUDO=""
	[ "$(id -u)" -ne 0 ] && SUDO="sudo"
	$SUDO apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
# The package's own service is not wanted: the test starts redis-server itself, on a free port.
if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet redis-server 2>/dev/null; then
	systemctl stop redis-server || true
fi
echo "== redis-server $(redis-server --version | sed -n 's/.*v=\([^ ]*\).*/\1/p')"
