#!/usr/bin/env bash
# Cost as the state grows: fills one published emulator with accounts, each an administrator with a v3 virtual MFA
# device, to each size in SIZES, and at each size measures with wrk, as the first account, the per-user routes (show
# its device, v5 list of its devices, v3 list of its account's devices, PUT its own login protection: a change) and
# reads the process's RSS. Prints one markdown table.
#
# Up to HTTP_FILL (1,000,000) the accounts are made over HTTP by 8 connections (bench/wrk/fill.lua, wrk -t2 -c8:
# the control route for an administrator in a new account, then CreateMfaDevice with that user's own token), as
# parallel test runners each making their own account would, which gives the fill rate; beyond it, by the bulk
# control route (POST /_emulator/huawei/accounts/bulk, 100,000 a call, the same records made in-process). The
# measurements are over HTTP either way.
#
#   bench/scale.sh                         # SIZES="100 10000 100000", wrk -t2 -c50 -d10s
#   SIZES="100 10000 100000 1000000" DURATION=5s bench/scale.sh
#   STATE_FILE=1 bench/scale.sh            # with --state-file: what a change costs as the state grows
#
# Needs wrk (installed with apt-get when missing), curl and python3.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES="${SIZES:-100 10000 100000}"
HTTP_FILL="${HTTP_FILL:-1000000}"
# shellcheck source=bench/lib.sh
source bench/lib.sh

PORT="$(free_port)"
E="http://127.0.0.1:$PORT"
STATE_ARGS=()
if [ -n "${STATE_FILE:-}" ]; then STATE_ARGS=(--state-file "$OUT/state.json"); fi
dotnet "$OUT/emulator/MfaEmulator.dll" --urls "$E" --grpc-urls none "${STATE_ARGS[@]}" >"$OUT/emulator.log" 2>&1 &
PID=$!
until curl -s -o /dev/null "$E/_emulator/health"; do sleep 0.05; done

# measure METHOD PATH TOKEN [BODYFILE] → "req/s p99"
measure() { wrk_request "$E$2" "$1" "${4:-}" "X-Auth-Token: $3" | awk '{print $1, $2}'; }
echo '{"login_protect":{"enabled":true,"verification_method":"vmfa"}}' >"$OUT/protect.json"

# fill COUNT → "devices refused accounts+devices/s first-user-id its-token" (over HTTP, 8 connections). wrk runs
# until -d, so once every thread has written its share's figures the script stops it.
fill() {
  local dir; dir="$(mktemp -d "$OUT/fill.XXXX")"  # one per fill: two fills of one count must not share figures
  FILL_DIR="$dir" FILL_COUNT="$1" FILL_THREADS=2 wrk -t2 -c8 -d1h -s bench/wrk/fill.lua "$E" >"$dir/wrk.out" 2>&1 &
  local wrk_pid=$!
  until [ -f "$dir/0" ] && [ -f "$dir/1" ]; do
    kill -0 "$wrk_pid" 2>/dev/null || { cat "$dir/wrk.out" >&2; return 1; }
    sleep 0.1
  done
  kill "$wrk_pid"
  wait "$wrk_pid" 2>/dev/null || true
  python3 - "$dir/0" "$dir/1" <<'PY'
import sys
rows = [open(path).read().split() for path in sys.argv[1:]]
made = sum(int(row[0]) for row in rows)
seconds = (max(int(row[3]) for row in rows) - min(int(row[2]) for row in rows)) / 1e9
print(made, sum(int(row[1]) for row in rows), round(made / seconds), rows[0][4], rows[0][5])
PY
}

# bulk COUNT → "accounts/s" (in-process, 100,000 a call)
bulk() {
  local left="$1" began; began="$(date +%s%N)"
  while [ "$left" -gt 0 ]; do
    local n=$(( left < 100000 ? left : 100000 ))
    curl -sf -o /dev/null -X POST -H 'Content-Type: application/json' --data "{\"count\":$n,\"device\":true}" "$E/_emulator/huawei/accounts/bulk"
    left=$(( left - n ))
  done
  echo $(( $1 * 1000000000 / ($(date +%s%N) - began) ))
}

echo "Machine: $(machine); fill: 8 connections over HTTP (wrk, control route + CreateMfaDevice) up to $HTTP_FILL, the bulk control route beyond${STATE_FILE:+; with --state-file}."
echo
echo "| devices | fill rate (accounts+devices/s) | show device req/s, p99 ms | v5 list one user req/s, p99 ms | v3 list as the user req/s, p99 ms | PUT login-protect req/s, p99 ms | RSS MiB |"
echo "|---|---|---|---|---|---|---|"
filled=0
for size in $SIZES; do
  if [ "$size" -le "$HTTP_FILL" ] || [ "$filled" -eq 0 ]; then
    read -r _ refused rate user_id user_token <<<"$(fill $((size - filled)))"
    [ "$refused" -eq 0 ] || { echo "the fill was refused $refused times" >&2; exit 1; }
  else
    rate="$(bulk $((size - filled))) (bulk)"
  fi
  if [ "$filled" -eq 0 ]; then
    USER_ID="$user_id"
    USER_TOKEN="$user_token"
  fi
  filled=$size
  measure GET "/v3.0/OS-MFA/users/$USER_ID/virtual-mfa-device" "$USER_TOKEN" >/dev/null  # warm-up
  show="$(measure GET "/v3.0/OS-MFA/users/$USER_ID/virtual-mfa-device" "$USER_TOKEN")"
  v5="$(measure GET "/v5/mfa-devices?user_id=$USER_ID" "$USER_TOKEN")"
  v3="$(measure GET "/v3.0/OS-MFA/virtual-mfa-devices" "$USER_TOKEN")"
  protect="$(measure PUT "/v3.0/OS-USER/users/$USER_ID/login-protect" "$USER_TOKEN" "$OUT/protect.json")"
  rss="$(awk '/VmRSS/ {printf "%.0f", $2/1024}' "/proc/$PID/status")"
  echo "| $size | $rate | ${show/ /, } | ${v5/ /, } | ${v3/ /, } | ${protect/ /, } | $rss |"
done
