#!/usr/bin/env bash
# Install a pinned n8n into a cache folder outside the repository, for the demo and the e2e suite.
#
#   bash scripts/install-n8n.sh 1   # n8n 1.123.x on the machine's Node 20
#   bash scripts/install-n8n.sh 2   # n8n 2.40.x on Node 24 (npm package node@24, installed into the cache)
#   bash scripts/install-n8n.sh 1 2 # both, in parallel (CI: about as long as the slower one alone)
#
# Cache: ${PGAI_N8N_CACHE:-~/.cache/n8n-nodes-pgai}/n8n-<version>/ (and node24/). A complete install is
# reused; one without its marker file (interrupted, failed) is removed and done again.
# Versions are pinned in scripts/n8n-env.sh. Why it is done this way: a plain `npm install n8n` runs
# install scripts that download from hosts outside the npm registry, so scripts are skipped, and the one
# native module n8n needs at run time without a shipped binary, sqlite3, is built from source with
# node-gyp. (isolated-vm ships binaries for Node 22/24 only; line 1 on Node 20 runs n8n with the
# 'legacy' expression engine instead, see n8n-env.sh.) The install ends with a real import + execute.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

if [ $# -gt 1 ]; then
	pids=()
	for line in "$@"; do
		bash "${BASH_SOURCE[0]}" "$line" &
		pids+=($!)
	done
	status=0
	for pid in "${pids[@]}"; do wait "$pid" || status=1; done
	exit $status
fi
# shellcheck source=n8n-env.sh
source "$here/n8n-env.sh" "${1:-}"

started=$SECONDS
say() { printf '[install-n8n %s %3ds] %s\n' "$PGAI_N8N_LINE" "$((SECONDS - started))" "$*"; }
die() { say "FAILED: $*" >&2; exit 1; }

# Run a long command with its output in a log file, printing a heartbeat every 15 s so the demo and CI
# logs show progress: the stage, its elapsed time, the registry requests npm logged so far (npm run
# with --loglevel=http) and, with PROGRESS_DIR set, that folder's size so far.
run_logged() {
	local what="$1" log="$2"
	shift 2
	say "$what (log: $log)"
	"$@" >"$log" 2>&1 &
	local pid=$! t0=$SECONDS progress fetches
	while kill -0 "$pid" 2>/dev/null; do
		sleep 5
		if kill -0 "$pid" 2>/dev/null && (((SECONDS - t0) % 15 < 5)); then
			progress=''
			fetches=$(grep -c 'http fetch' "$log" 2>/dev/null || true)
			[ "${fetches:-0}" = 0 ] || progress=", $fetches registry requests"
			[ -z "${PROGRESS_DIR:-}" ] || progress+=", $(du -sh "$PROGRESS_DIR" 2>/dev/null | cut -f1) on disk"
			say "  ... $what: $((SECONDS - t0))s$progress"
		fi
	done
	if ! wait "$pid"; then
		echo "----- last 40 lines of $log -----" >&2
		tail -n 40 "$log" >&2
		die "$what"
	fi
	say "  done: $what ($((SECONDS - t0))s)"
}

# npm's own node-gyp (bundled with npm), else one installed into the cache
find_node_gyp() {
	local npm_root
	npm_root="$(dirname "$(dirname "$(readlink -f "$(command -v npm)")")")"
	if [ -f "$npm_root/node_modules/node-gyp/bin/node-gyp.js" ]; then
		echo "$npm_root/node_modules/node-gyp/bin/node-gyp.js"
		return
	fi
	local dir="$PGAI_N8N_CACHE/node-gyp"
	if [ ! -f "$dir/node_modules/node-gyp/bin/node-gyp.js" ]; then
		mkdir -p "$dir"
		(cd "$dir" && npm install --no-audit --no-fund --ignore-scripts node-gyp@11 >&2)
	fi
	echo "$dir/node_modules/node-gyp/bin/node-gyp.js"
}

# Remove a folder from an earlier, incomplete or outdated install (GBs: deleted in the background).
discard() {
	[ -e "$1" ] || return 0
	local old="$1.discarded.$$"
	# (its output detached, so a caller reading ours through a pipe is not kept waiting)
	mv "$1" "$old" && { rm -rf "$old" </dev/null >/dev/null 2>&1 & }
}

command -v npm >/dev/null || die "npm is not on PATH"
command -v node >/dev/null || die "node is not on PATH"
if [ "$PGAI_N8N_LINE" = 1 ]; then
	# n8n 1.123 supports Node >= 20.19 and <= 24.x
	"$PGAI_NODE_BIN" -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 24 || a < 20 || (a === 20 && b < 19) ? 1 : 0)' ||
		die "n8n $PGAI_N8N_VERSION needs Node 20.19 to 24.x; the machine's node is $PGAI_NODE_VERSION"
fi
mkdir -p "$PGAI_N8N_CACHE"

# One installer per line at a time (the demo and the e2e suite may start together).
exec 9>"$PGAI_N8N_CACHE/.lock-line-$PGAI_N8N_LINE"
if ! flock -n 9; then
	say "another install of line $PGAI_N8N_LINE is running; waiting for it"
	flock 9
fi

# complete = marker written for this n8n and this Node, and both still there
installed_ok() {
	[ -f "$PGAI_N8N_MARKER" ] && [ -f "$PGAI_N8N_BIN" ] && [ -x "$PGAI_NODE_BIN" ] &&
		grep -qx "n8n $PGAI_N8N_VERSION" "$PGAI_N8N_MARKER" && grep -qx "node $PGAI_NODE_VERSION" "$PGAI_N8N_MARKER"
}

if installed_ok; then
	say "n8n $PGAI_N8N_VERSION already installed (cached): $PGAI_N8N_DIR"
else
	say "installing n8n $PGAI_N8N_VERSION on Node $PGAI_NODE_VERSION into $PGAI_N8N_DIR (takes several minutes)"

	# --- Node 24 for line 2 --------------------------------------------------------------------
	if [ -n "$PGAI_NODE_DIR" ]; then
		if [ "$(cat "$PGAI_NODE_DIR/.pgai-install-complete" 2>/dev/null || true)" = "$PGAI_NODE_VERSION" ] && [ -x "$PGAI_NODE_BIN" ]; then
			say "Node $PGAI_NODE_VERSION already in the cache: $PGAI_NODE_BIN"
		else
			rm -rf "$PGAI_NODE_DIR"
			mkdir -p "$PGAI_NODE_DIR"
			echo '{ "name": "pgai-node24", "private": true }' >"$PGAI_NODE_DIR/package.json"
			# node@<v> has an install script that installs node-linux-<arch>@<v> from the npm registry
			PROGRESS_DIR="$PGAI_NODE_DIR" run_logged "installing npm package node@$PGAI_NODE_VERSION" "$PGAI_NODE_DIR/install.log" \
				bash -c "cd '$PGAI_NODE_DIR' && npm install --no-audit --no-fund --ignore-scripts=false node@$PGAI_NODE_VERSION"
			[ -x "$PGAI_NODE_BIN" ] || die "Node binary not found at $PGAI_NODE_BIN after installing node@$PGAI_NODE_VERSION"
			got="$("$PGAI_NODE_BIN" -p process.versions.node)"
			[ "$got" = "$PGAI_NODE_VERSION" ] || die "expected Node $PGAI_NODE_VERSION, $PGAI_NODE_BIN is $got"
			echo "$PGAI_NODE_VERSION" >"$PGAI_NODE_DIR/.pgai-install-complete"
			say "Node $got installed: $PGAI_NODE_BIN"
		fi
	fi

	# --- Node headers for node-gyp (line 1 on a Node without a local include/node) -------------
	if [ ! -f "$PGAI_NODE_HEADERS/include/node/common.gypi" ]; then
		hdir="$(dirname "$(dirname "$PGAI_NODE_HEADERS")")"
		mkdir -p "$hdir"
		echo '{ "name": "pgai-node-headers", "private": true }' >"$hdir/package.json"
		run_logged "fetching Node $PGAI_NODE_VERSION headers (npm package $(basename "$PGAI_NODE_HEADERS"))" "$hdir/install.log" \
			bash -c "cd '$hdir' && npm install --no-audit --no-fund --ignore-scripts $(basename "$PGAI_NODE_HEADERS")@$PGAI_NODE_VERSION"
		[ -f "$PGAI_NODE_HEADERS/include/node/common.gypi" ] || die "no Node headers in $PGAI_NODE_HEADERS"
	fi

	# --- n8n ------------------------------------------------------------------------------------
	discard "$PGAI_N8N_DIR"
	mkdir -p "$PGAI_N8N_DIR"
	# n8n 1.123 pins xlsx to a tarball outside the npm registry; the registry's last xlsx stands in.
	cat >"$PGAI_N8N_DIR/package.json" <<JSON
{
  "name": "pgai-n8n-$PGAI_N8N_VERSION",
  "private": true,
  "description": "n8n for the n8n-nodes-pgai demo and end-to-end tests (written by scripts/install-n8n.sh)",
  "dependencies": { "n8n": "$PGAI_N8N_VERSION" },
  "overrides": { "xlsx": "0.18.5" }
}
JSON
	# npm itself runs on the line's Node (line 2: Node 24, which n8n 2.x requires), so it neither warns
	# EBADENGINE for every package that wants Node 22+ nor resolves for the wrong engine
	PROGRESS_DIR="$PGAI_N8N_DIR" run_logged "npm install n8n@$PGAI_N8N_VERSION --ignore-scripts (on Node $PGAI_NODE_VERSION)" "$PGAI_N8N_DIR/npm-install.log" \
		bash -c "cd '$PGAI_N8N_DIR' && PATH='$(dirname "$PGAI_NODE_BIN")':\"\$PATH\" npm install --no-audit --no-fund --ignore-scripts --loglevel=http"
	[ -f "$PGAI_N8N_BIN" ] || die "n8n bin not found at $PGAI_N8N_BIN"

	# --- sqlite3 (n8n's default database) from source ---------------------------------------------
	sqlite_dir="$PGAI_N8N_DIR/node_modules/sqlite3"
	[ -d "$sqlite_dir" ] || die "node_modules/sqlite3 is missing"
	node_gyp="$(find_node_gyp)"
	run_logged "building sqlite3 from source with node-gyp (about 2 minutes)" "$PGAI_N8N_DIR/sqlite3-build.log" \
		bash -c "cd '$sqlite_dir' && PATH='$(dirname "$PGAI_NODE_BIN")':\"\$PATH\" '$PGAI_NODE_BIN' '$node_gyp' rebuild --release --jobs='$(nproc 2>/dev/null || echo 2)' --nodedir='$PGAI_NODE_HEADERS'"
	(cd "$PGAI_N8N_DIR/node_modules/n8n" && "$PGAI_NODE_BIN" -e "require('sqlite3')") ||
		die "the built sqlite3 does not load in Node $PGAI_NODE_VERSION"

	# --- smoke checks -----------------------------------------------------------------------------------
	say "smoke check: n8n --version"
	smoke_home="$(mktemp -d)"
	trap 'rm -rf "$smoke_home"' EXIT
	smoke_env=(
		N8N_USER_FOLDER="$smoke_home" N8N_ENCRYPTION_KEY=pgai-install-smoke-check N8N_DIAGNOSTICS_ENABLED=false
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS=false N8N_VERSION_NOTIFICATIONS_ENABLED=false N8N_LOG_FORMAT=json
		N8N_RUNNERS_BROKER_PORT="$("$PGAI_NODE_BIN" -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
	)
	[ -z "$PGAI_N8N_EXPRESSION_ENGINE" ] || smoke_env+=(N8N_EXPRESSION_ENGINE="$PGAI_N8N_EXPRESSION_ENGINE")
	n8n_smoke() { env "${smoke_env[@]}" "$PGAI_NODE_BIN" "$PGAI_N8N_BIN" "$@"; }
	got="$(n8n_smoke --version 2>&1)" || { echo "$got" >&2; die "n8n --version failed"; }
	got="$(printf '%s\n' "$got" | tail -n 1)"
	[ "$got" = "$PGAI_N8N_VERSION" ] || die "n8n --version printed '$got', expected $PGAI_N8N_VERSION"

	# A real run: database migrations, the expression engine and node loading all have to work.
	say "smoke check: import and execute a workflow (Manual Trigger -> Edit Fields with an expression)"
	cat >"$smoke_home/wf.json" <<'JSON'
[{ "id": "pgaiSmoke1", "name": "install smoke check", "active": false, "versionId": "6f1c3c43-9a52-4a3e-8a4e-0d5e1b7a1a01",
   "nodes": [
     { "id": "a1", "name": "Start", "type": "n8n-nodes-base.manualTrigger", "typeVersion": 1, "position": [0, 0], "parameters": {} },
     { "id": "a2", "name": "Set", "type": "n8n-nodes-base.set", "typeVersion": 3.4, "position": [220, 0],
       "parameters": { "assignments": { "assignments": [ { "id": "x", "name": "answer", "type": "number", "value": "={{ 6 * 7 }}" } ] }, "options": {} } }
   ],
   "connections": { "Start": { "main": [[ { "node": "Set", "type": "main", "index": 0 } ]] } } }]
JSON
	n8n_smoke import:workflow --input="$smoke_home/wf.json" >"$smoke_home/import.log" 2>&1 ||
		{ tail -n 30 "$smoke_home/import.log" >&2; die "n8n import:workflow failed"; }
	rc=0
	n8n_smoke execute --id=pgaiSmoke1 --rawOutput >"$smoke_home/execute.log" 2>&1 || rc=$?
	grep -q '\\"answer\\": 42' "$smoke_home/execute.log" ||
		{ tail -n 30 "$smoke_home/execute.log" >&2; die "n8n execute did not print the expected run (exit $rc)"; }
	# n8n 2.x with its default 'vm' expression engine (isolated-vm) sometimes dies with SIGSEGV while
	# exiting, after the run is complete and printed: an n8n bug, not an install problem.
	if [ "$rc" = 139 ]; then
		say "  note: n8n crashed (SIGSEGV) while exiting after a complete run (known n8n/isolated-vm teardown crash)"
	elif [ "$rc" != 0 ]; then
		tail -n 30 "$smoke_home/execute.log" >&2
		die "n8n execute exited with $rc"
	fi
	rm -rf "$smoke_home"
	trap - EXIT

	printf 'n8n %s\nnode %s\ninstalled %s in %ss\n' "$PGAI_N8N_VERSION" "$PGAI_NODE_VERSION" "$(date -u +%FT%TZ)" "$((SECONDS - started))" >"$PGAI_N8N_MARKER"
	say "n8n $PGAI_N8N_VERSION installed in $((SECONDS - started))s ($(du -sh "$PGAI_N8N_DIR" 2>/dev/null | cut -f1))"
fi

cat <<OUT
n8n line $PGAI_N8N_LINE
  n8n version : $PGAI_N8N_VERSION
  node        : $PGAI_NODE_BIN (v$PGAI_NODE_VERSION)
  n8n bin     : $PGAI_N8N_BIN
  install dir : $PGAI_N8N_DIR
  run         : '$PGAI_NODE_BIN' '$PGAI_N8N_BIN' --version
OUT
