# Shared by bench/load.sh and bench/scale.sh (sourced): a scratch directory cleaned on exit (with every server the
# script started), wrk installed when missing, the emulator published in Release, free loopback ports.
DURATION="${DURATION:-10s}"
CONNECTIONS="${CONNECTIONS:-50}"
OUT="$(mktemp -d)"
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$OUT"' EXIT

command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
dotnet publish src/MfaEmulator -c Release -o "$OUT/emulator" -p:UseAppHost=false >/dev/null

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

machine() { echo "$(nproc) cores, $(grep MemTotal /proc/meminfo | awk '{printf "%.0f GiB", $2/1048576}'), Linux $(uname -r), .NET $(dotnet --version), wrk -t2 -c$CONNECTIONS -d$DURATION"; }
