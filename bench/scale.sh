#!/usr/bin/env bash
# Cost as the state grows: fills one published emulator with accounts, each an administrator with a v3 virtual MFA
# device (over HTTP, 8 clients; bench/fill.mjs), to each size in SIZES, and at each size measures with wrk, as the
# first account, the per-user routes (show its device, v5 list of its devices, v3 list of its account's devices) and
# reads the process's RSS. Prints one markdown table.
#
#   bench/scale.sh                         # SIZES="100 10000 100000", wrk -t2 -c50 -d10s
#   SIZES="100 10000 100000 1000000" DURATION=5s bench/scale.sh
#
# Needs wrk (installed with apt-get when missing), node, curl and python3.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES="${SIZES:-100 10000 100000}"
# shellcheck source=bench/lib.sh
source bench/lib.sh

PORT="$(free_port)"
E="http://127.0.0.1:$PORT"
dotnet "$OUT/emulator/MfaEmulator.dll" --urls "$E" --grpc-urls none >"$OUT/emulator.log" 2>&1 &
PID=$!
until curl -s -o /dev/null "$E/_emulator/health"; do sleep 0.05; done

measure() { wrk_request "$E$1" GET "" "X-Auth-Token: $2" | awk '{print $1, $2}'; } # PATH TOKEN → "req/s p99"

echo "Machine: $(machine); fill: 8 clients over HTTP (control route + CreateMfaDevice)."
echo
echo "| devices | fill rate (accounts+devices/s) | show device req/s, p99 ms | v5 list one user req/s, p99 ms | v3 list as the user req/s, p99 ms | RSS MiB |"
echo "|---|---|---|---|---|---|"
filled=0
for size in $SIZES; do
  fill="$(node bench/fill.mjs "$E" $((size - filled)) 8 "$filled")"
  if [ "$filled" -eq 0 ]; then
    USER_ID="$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["sample"]["user_id"])' "$fill")"
    USER_TOKEN="$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["sample"]["token"])' "$fill")"
  fi
  filled=$size
  rate="$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["per_second"])' "$fill")"
  measure "/v3.0/OS-MFA/users/$USER_ID/virtual-mfa-device" "$USER_TOKEN" >/dev/null  # warm-up
  show="$(measure "/v3.0/OS-MFA/users/$USER_ID/virtual-mfa-device" "$USER_TOKEN")"
  v5="$(measure "/v5/mfa-devices?user_id=$USER_ID" "$USER_TOKEN")"
  v3="$(measure "/v3.0/OS-MFA/virtual-mfa-devices" "$USER_TOKEN")"
  rss="$(awk '/VmRSS/ {printf "%.0f", $2/1024}' "/proc/$PID/status")"
  echo "| $size | $rate | ${show/ /, } | ${v5/ /, } | ${v3/ /, } | $rss |"
done
