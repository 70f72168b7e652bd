# Helpers shared by the benchmark harnesses; sourced, not run.

log() {
	printf '%s %s\n' "$(date +%H:%M:%S)" "$*" >&2
}

fail() {
	log "FAILED: $*"
	exit 1
}

# Stops one process the harness started: politely, then for certain.
stop() {
	local pid=$1
	[[ -n $pid ]] || return 0
	kill "$pid" 2>/dev/null || true
	for _ in {1..50}; do
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.1
	done
	kill -9 "$pid" 2>/dev/null || true
	wait "$pid" 2>/dev/null || true
}

# Sets PYTHON and JAVA. pyenv and similar shims run python as a child process: the real
# interpreter's pid is the one to signal and to stop, hence sys.executable.
require_runtimes() {
	PYTHON=$(python3 -c 'import sys; print(sys.executable)') || fail "python3 is required"
	JAVA=$(readlink -f "$(command -v java)") || fail "java is required"
}

# Sets PYTHON and JAVA, checks for curl, and installs wrk with apt-get when it is missing.
require_tools() {
	require_runtimes
	command -v curl >/dev/null || fail "curl is required"
	install_missing wrk wrk
}

# Installs a Debian package with apt-get when its command is missing.
install_missing() {
	local command=$1 package=$2 sudo=()
	command -v "$command" >/dev/null && return 0
	log "installing $package"
	((EUID == 0)) || sudo=(sudo)
	apt-cache show "$package" >/dev/null 2>&1 || "${sudo[@]}" apt-get update -q >/dev/null
	DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q "$package" >/dev/null
}

free_port() {
	"$PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# CPU time a process has used so far (all its threads), in clock ticks.
cpu_ticks() {
	awk '{ print $14 + $15 }' "/proc/$1/stat"
}

# Removes the harness's work folder after a success; keeps it, with the logs, after a failure.
remove_work() {
	if (($1 == 0)); then
		rm -rf "$WORK"
	else
		log "logs kept in $WORK"
	fi
}
