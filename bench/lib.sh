# Shared by bench/load.sh and bench/scale.sh (sourced): a scratch directory cleaned on exit (with every server the
# script started), wrk installed when missing, the emulator published in Release, free loopback ports.
DURATION="${DURATION:-10s}"
CONNECTIONS="${CONNECTIONS:-50}"
OUT="$(mktemp -d)"
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$OUT"' EXIT

command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
# The published form: framework-dependent, ReadyToRun (precompiled, so less JIT at start and on the first calls), with
# the start-up JIT profile its publish records (src/MfaEmulator/Emulator/record-startup-jit-profile.sh).
PUBLISH=(-c Release -p:UseAppHost=false -r "linux-$(dpkg --print-architecture | sed 's/amd64/x64/')" --self-contained false -p:PublishReadyToRun=true)
dotnet publish src/MfaEmulator "${PUBLISH[@]}" -o "$OUT/emulator" >/dev/null

# wrk_request URL METHOD BODYFILE HEADERS → "req/s p99-ms non-2xx requests" (bench/wrk/request.lua's RESULT line)
wrk_request() {
  WRK_METHOD="$2" WRK_BODY="$3" WRK_HEADERS="$4" wrk -t2 -c"$CONNECTIONS" -d"$DURATION" -s bench/wrk/request.lua "$1" \
    | sed -n 's/^RESULT //p'
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

machine() { echo "$(nproc) cores, $(grep MemTotal /proc/meminfo | awk '{printf "%.0f GiB", $2/1048576}'), Linux $(uname -r), .NET $(dotnet --version), wrk -t2 -c$CONNECTIONS -d$DURATION"; }
