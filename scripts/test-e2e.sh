#!/usr/bin/env bash
# End-to-end suite on real n8n, one line after the other (default: both).
#   bash scripts/test-e2e.sh          # line 1 (n8n 1.123.x), then line 2 (n8n 2.40.x)
#   bash scripts/test-e2e.sh 2        # one line
#   bash scripts/test-e2e.sh 1 -- -t smoke   # extra arguments after -- go to jest
# Per line, the ordinary suite, then on line 2 the queue-mode suite (test/e2e/queue.e2e.test.ts:
# PostgreSQL, Redis, n8n main + 2 workers) in a jest run of its own (not yet run on line 1).
# PGAI_E2E_QUEUE=0 skips it, PGAI_E2E_QUEUE=only runs it alone.
# Installs n8n into the cache when missing (scripts/install-n8n.sh), Debian's postgresql and
# redis-server for the queue suite, and Debian's chromium for the browser test (screenshots in
# test-results/editor-browser/line-<n>/), and prints the wall time per run.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

lines=()
while [ $# -gt 0 ]; do
	case "$1" in
		--) shift; break ;;
		1 | 2) lines+=("$1"); shift ;;
		*) echo "usage: $0 [1] [2] [-- jest args]" >&2; exit 2 ;;
	esac
done
[ ${#lines[@]} -gt 0 ] || lines=(1 2)

suites=()
case "${PGAI_E2E_QUEUE:-1}" in
	0) suites=(ordinary) ;;
	only) suites=(queue) ;;
	*) suites=(ordinary queue) ;;
esac

# test/e2e/editor-browser.e2e.test.ts clicks through n8n's editor in Debian's Chromium
if ! command -v chromium >/dev/null && [ -z "${PGAI_CHROMIUM:-}" ]; then
	if [ "$(id -u)" = 0 ]; then
		echo "installing Debian's chromium for the browser e2e"
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
	else
		echo "the browser e2e needs Chromium: sudo apt-get install -y chromium (or set PGAI_CHROMIUM)" >&2
		exit 1
	fi
fi

# test/e2e/queue.e2e.test.ts starts its own PostgreSQL and Redis from Debian's packages
if [[ " ${suites[*]} " == *" queue "* && " ${lines[*]} " == *" 2 "* ]] && ! { ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && command -v redis-server >/dev/null; }; then
	if [ "$(id -u)" = 0 ]; then
		echo "installing Debian's postgresql and redis-server for the queue-mode e2e"
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql redis-server >/dev/null
	else
		echo "the queue-mode e2e needs PostgreSQL and Redis: sudo apt-get install -y postgresql redis-server (or PGAI_E2E_QUEUE=0)" >&2
		exit 1
	fi
fi

failed=0
summary=()
for line in "${lines[@]}"; do
	bash scripts/install-n8n.sh "$line"
	for suite in "${suites[@]}"; do
		[ "$suite" = queue ] && [ "$line" != 2 ] && continue
		echo "=== e2e ($suite) on n8n line $line ==="
		start=$SECONDS
		queue=''
		[ "$suite" = queue ] && queue=1
		if PGAI_N8N_LINE="$line" PGAI_E2E_QUEUE="$queue" npx jest -c jest.e2e.config.js "$@"; then
			summary+=("line $line, $suite: passed in $((SECONDS - start))s")
		else
			summary+=("line $line, $suite: FAILED after $((SECONDS - start))s")
			failed=1
		fi
	done
done
printf 'e2e %s\n' "${summary[@]}"
exit $failed
