#!/usr/bin/env bash
# Cost as the state grows: fills one published emulator with accounts, each an administrator with a v3 virtual MFA
# device, to each size in SIZES, and at each size measures with wrk, as the first account, the per-user routes (show
# its device, v5 list of its devices, v3 list of its account's devices, PUT its own login protection: a change) and
# reads the process's RSS. Prints one markdown table.
#
# Up to HTTP_FILL (100,000) the accounts are made over HTTP by 8 clients (bench/fill.mjs: the control route, then
# CreateMfaDevice with the account's own token), which gives the fill rate; beyond it, by the bulk control route
# (POST /_emulator/huawei/accounts/bulk, 100,000 a call, the same records made in-process), since HTTP would take
# a quarter of an hour to reach 1,000,000 here. The measurements are over HTTP either way.
#
#   bench/scale.sh                         # SIZES="100 10000 100000", wrk -t2 -c50 -d10s
#   SIZES="100 10000 100000 1000000" DURATION=5s bench/scale.sh
#   STATE_FILE=1 bench/scale.sh            # with --state-file: what a change costs as the state grows
#
# Needs wrk (installed with apt-get when missing), node, curl and python3.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES="${SIZES:-100 10000 100000}"
HTTP_FILL="${HTTP_FILL:-100000}"
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

echo "Machine: $(machine); fill: 8 clients over HTTP (control route + CreateMfaDevice) up to $HTTP_FILL, the bulk control route beyond${STATE_FILE:+; with --state-file}."
echo
echo "| devices | fill rate (accounts+devices/s) | show device req/s, p99 ms | v5 list one user req/s, p99 ms | v3 list as the user req/s, p99 ms | PUT login-protect req/s, p99 ms | RSS MiB |"
echo "|---|---|---|---|---|---|---|"
filled=0
for size in $SIZES; do
  if [ "$size" -le "$HTTP_FILL" ] || [ "$filled" -eq 0 ]; then
    fill="$(node bench/fill.mjs "$E" $((size - filled)) 8 "$filled")"
    rate="$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["per_second"])' "$fill")"
  else
    rate="$(bulk $((size - filled))) (bulk)"
  fi
  if [ "$filled" -eq 0 ]; then
    USER_ID="$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["sample"]["user_id"])' "$fill")"
    USER_TOKEN="$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["sample"]["token"])' "$fill")"
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
