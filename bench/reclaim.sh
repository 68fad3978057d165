#!/usr/bin/env bash
# Is the p99 at 1,000,000 accounts the emulator's or the machine's? Fills one published emulator with 1,000,000
# accounts (the bulk control route), then measures show device (wrk, as bench/scale.sh does) while the machine's DAMON
# (the kernel's access monitor, which on the CI machines runs a proactive-reclaim scheme over all of physical memory)
# has watched the emulator's heap for a while, right after DAMON is restarted (its record of which memory is cold
# starts over), and again once it has had time to age that memory. Prints one markdown table.
#
#   sudo bench/reclaim.sh                  # needs write access to /sys/kernel/mm/damon/admin; restores DAMON on exit
#   AGE=90 DURATION=8s bench/reclaim.sh
#   EMULATOR_ENV="DOTNET_GCRetainVM=1" bench/reclaim.sh     # the emulator's environment, e.g. to try a GC setting
#
# Without DAMON (or without root) it only measures, and says so. Needs wrk, curl and python3.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION="${DURATION:-8s}"
AGE="${AGE:-90}"
# shellcheck source=bench/lib.sh
source bench/lib.sh

STATE=/sys/kernel/mm/damon/admin/kdamonds/0/state
if [ -w "$STATE" ] && [ "$(cat "$STATE")" = on ]; then
  trap '[ "$(cat $STATE)" = on ] || echo on >"$STATE"; kill $(jobs -p) 2>/dev/null || true; rm -rf "$OUT"' EXIT
  CAN_RESTART=1
else
  echo "No running DAMON to restart here (or no root): measuring only." >&2
  CAN_RESTART=
fi
kdamond_ticks() { local pid; pid="$(pgrep -x kdamond.0 || true)"; [ -n "$pid" ] && awk '{print $14 + $15}' "/proc/$pid/stat" || echo 0; }

PORT="$(free_port)"
E="http://127.0.0.1:$PORT"
# shellcheck disable=SC2086
env ${EMULATOR_ENV:-} dotnet "$OUT/emulator/MfaEmulator.dll" --urls "$E" --grpc-urls none >"$OUT/emulator.log" 2>&1 &
PID=$!
until curl -s -o /dev/null "$E/_emulator/health"; do sleep 0.05; done
created="$(curl -sf -X POST -H 'Content-Type: application/json' --data '{"count":100000,"device":true}' "$E/_emulator/huawei/accounts/bulk")"
USER_ID="$(sed -n 's/.*"user_id":"\([^"]*\)".*/\1/p' <<<"$created")"
TOKEN="$(sed -n 's/.*"token":"\([^"]*\)".*/\1/p' <<<"$created")"
for _ in $(seq 2 10); do
  curl -sf -o /dev/null -X POST -H 'Content-Type: application/json' --data '{"count":100000,"device":true}' "$E/_emulator/huawei/accounts/bulk"
done
filled_at="$(date +%s)"

# row LABEL: show device for DURATION after a 3 s warm-up; kdamond's CPU (ticks of 10 ms) over the measured run
row() {
  DURATION=3s wrk_request "$E/v3.0/OS-MFA/users/$USER_ID/virtual-mfa-device" GET "" "X-Auth-Token: $TOKEN" >/dev/null
  local before result
  before="$(kdamond_ticks)"
  read -r rps p99 _ <<<"$(wrk_request "$E/v3.0/OS-MFA/users/$USER_ID/virtual-mfa-device" GET "" "X-Auth-Token: $TOKEN")"
  echo "| $1 | $(( $(date +%s) - filled_at )) s | $rps | $p99 | $(( ($(kdamond_ticks) - before) * 10 )) |"
}
wait_until() { local left=$(( $1 - ($(date +%s) - $2) )); [ "$left" -le 0 ] || sleep "$left"; }

echo "Machine: $(machine); 1,000,000 accounts (bulk route), show device as the first; DAMON scheme: $(cat /sys/kernel/mm/damon/admin/kdamonds/0/contexts/0/schemes/0/action 2>/dev/null || echo none) every $(( $(cat /sys/kernel/mm/damon/admin/kdamonds/0/contexts/0/monitoring_attrs/intervals/aggr_us 2>/dev/null || echo 0) / 1000000 )) s."
echo
echo "| DAMON | since the fill | req/s | p99 ms | kdamond CPU ms in the run |"
echo "|---|---|---|---|---|"
row "on, just filled"
wait_until "$AGE" "$filled_at"
row "on, watching the heap"
row "on, watching the heap"
[ -n "$CAN_RESTART" ] || exit 0
echo off >"$STATE"; echo on >"$STATE"
restarted_at="$(date +%s)"
row "restarted"
row "restarted"
wait_until "$AGE" "$restarted_at"
row "restarted ${AGE} s before"
row "restarted ${AGE} s before"
