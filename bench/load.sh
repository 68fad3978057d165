#!/usr/bin/env bash
# Request throughput and cold start of the published emulator beside a bare ASP.NET Core minimal API (bench/BareApi,
# one route answering {}), in one run on this machine. Prints one markdown table.
#
#   bench/load.sh                     # 5 cold starts of each, then wrk -t2 -c50, 10 s per route and server (two alternating halves)
#   DURATION=5s COLD_RUNS=3 bench/load.sh
#   EMULATOR_ARGS="--journal-size 0" bench/load.sh      # extra emulator options, e.g. to see what the journal costs
#   BARE_ENV="DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1" bench/load.sh   # the bare API with the emulator's
#                                                       # socket setting (EmulatorHost.InlineSocketCompletions), like for like
#
# Needs wrk (Debian package; installed with apt-get when missing), curl and python3. The emulator runs with its
# defaults (journal on, lenient mode); every emulated route gets a realistic request: the served OpenAPI document's
# example for the five documented operations, with a device created first so bind/enable reach the code check
# (wrong codes: 400, as a client retrying a typo would).
set -euo pipefail
cd "$(dirname "$0")/.."
BENCH="$PWD/bench"
WARMUP="${WARMUP:-3s}"
COLD_RUNS="${COLD_RUNS:-5}"
# shellcheck source=bench/lib.sh
source bench/lib.sh
dotnet publish bench/BareApi "${PUBLISH[@]}" -o "$OUT/bare" >/dev/null

ADMIN_TOKEN="MIIEmulatorAdminToken"
ADMIN_ID="0a5f3c2e9b7d4e1f8c6a2b4d6e8f0a34"
ZITADEL_PAT="zitadel-emulator-owner-pat-00000000000000000000000000000000000000000001"
HUAWEI="X-Auth-Token: $ADMIN_TOKEN"
ZITADEL="Authorization: Bearer $ZITADEL_PAT"

# start NAME DLL PORT [args…]: starts a server in the background and waits for its first answer.
start() {
  local name="$1" dll="$2" port="$3"; shift 3
  # shellcheck disable=SC2086
  env ${SERVER_ENV:-} dotnet "$dll" --urls "http://127.0.0.1:$port" "$@" >"$OUT/$name.log" 2>&1 &
  echo $! >"$OUT/$name.pid"
  for _ in $(seq 1 200); do
    curl -s -o /dev/null "http://127.0.0.1:$port/" && return 0
    sleep 0.05
  done
  echo "$name did not start:"; cat "$OUT/$name.log"; exit 1
}

# cold_start DLL [args…]: milliseconds from launch to the first 200 of the HSS call, once (SERVER_ENV as for start),
# polled by bench/first_answer.py. Each server starts in its own publish directory, as a deployed app does: ASP.NET's
# default builder (the bare API's) watches its content root, the working directory, with every folder below it, and
# from the checkout's root (~1,400 folders) that added ~50 ms to the bare API's start.
cold_start() {
  local dll="$1"; shift
  local port; port="$(free_port)"
  # shellcheck disable=SC2086
  (cd "$(dirname "$dll")" && python3 "$BENCH/first_answer.py" PUT "http://127.0.0.1:$port$HSS_PATH" "$OUT/hss.json" "$HUAWEI" \
    -- env ${SERVER_ENV:-} dotnet "$dll" --urls "http://127.0.0.1:$port" "$@")
}

# median LIST…: the middle value of COLD_RUNS numbers.
median() { printf '%s\n' "$@" | sort -n | sed -n "$(( (COLD_RUNS + 1) / 2 ))p"; }

# measure PORT METHOD PATH BODYFILE HEADERS → "req/s p99 non2xx requests"
measure() { wrk_request "http://127.0.0.1:$1$3" "$2" "$4" "$5"; }

# cpu_ticks NAME → the server's user+system CPU so far, in clock ticks (for CPU per request: on a shared machine
# req/s moves with what else runs, the CPU a request costs much less)
cpu_ticks() { awk '{print $14 + $15}' "/proc/$(cat "$OUT/$1.pid")/stat"; }
TICKS_PER_SECOND="$(getconf CLK_TCK)"

# measure_half NAME PORT METHOD PATH BODYFILE HEADERS → "req/s p99 non2xx requests cpu-ticks" over half of DURATION
HALF="$(python3 -c 'import re, sys; n, unit = re.fullmatch(r"(\d+)([smh]?)", sys.argv[1]).groups(); print(max(1, int(n) * dict(s=1, m=60, h=3600).get(unit, 1) // 2))' "$DURATION")s"
measure_half() {
  local name="$1"; shift
  local before; before="$(cpu_ticks "$name")"
  local result; result="$(DURATION="$HALF" measure "$@")"
  echo "$result $(( $(cpu_ticks "$name") - before ))"
}

# start_emulator: the emulator for wrk on a free port ($E), with its defaults and EMULATOR_ARGS. It keeps its start-up
# JIT profile cache (StartupJitProfile) in the scratch directory, so the run neither uses nor changes yours.
start_emulator() {
  EMULATOR_PORT="$(free_port)"
  # shellcheck disable=SC2086
  SERVER_ENV="XDG_CACHE_HOME=$OUT/wrk-cache" start emulator "$OUT/emulator/MfaEmulator.dll" "$EMULATOR_PORT" --grpc-urls none ${EMULATOR_ARGS:-}
  E="http://127.0.0.1:$EMULATOR_PORT"
}

# One emulator for the OpenAPI document's examples, stopped before the cold starts.
start_emulator
curl -s "$E/openapi/v1.json" >"$OUT/openapi.json"

# The documented operations' examples, and their paths with the examples' parameters.
python3 "$BENCH/documented_requests.py" "$OUT/openapi.json" "$OUT"
cp "$OUT/SetTwoFactorLoginConfig.json" "$OUT/hss.json"
HSS_PATH="$(cat "$OUT/SetTwoFactorLoginConfig.path")"
kill "$(cat "$OUT/emulator.pid")"
wait "$(cat "$OUT/emulator.pid")" 2>/dev/null || true

# The cold starts come first, on the idle machine, as a test run starts its emulator: right after minutes of wrk the
# emulator's starts were slower for about a minute and the bare API's barely (bench/results/load.md, at daad43a). They
# alternate (bare, the published emulator, the same without its profile), so a moment when the machine is slower (a
# busy neighbour) slows all alike. Each emulator start is a first start, in an empty cache folder of its own: the
# published copy plays back the start-up JIT profile its publish recorded (StartupJitProfile), and the copy without it
# shows what that profile saves. The emulator's runtimeconfig turns W^X off (MfaEmulator.csproj); the bare API starts
# once more with DOTNET_EnableWriteXorExecute=0, for a like-for-like ratio.
ls "$OUT"/emulator/*.jitprofile >/dev/null 2>&1 || echo "warning: the publish shipped no start-up JIT profile" >&2
cp -r "$OUT/emulator" "$OUT/emulator-without-profile"
rm -f "$OUT"/emulator-without-profile/*.jitprofile
BARE_RUNS=(); BARE_WX_OFF_RUNS=(); EMU_RUNS=(); UNPROFILED_RUNS=()
for run in $(seq 1 "$COLD_RUNS"); do
  BARE_RUNS+=("$(SERVER_ENV="${BARE_ENV:-}" cold_start "$OUT/bare/BareApi.dll")")
  BARE_WX_OFF_RUNS+=("$(SERVER_ENV="${BARE_ENV:-} DOTNET_EnableWriteXorExecute=0" cold_start "$OUT/bare/BareApi.dll")")
  EMU_RUNS+=("$(SERVER_ENV="XDG_CACHE_HOME=$OUT/cache-$run" cold_start "$OUT/emulator/MfaEmulator.dll" --grpc-urls none)")
  UNPROFILED_RUNS+=("$(SERVER_ENV="XDG_CACHE_HOME=$OUT/unprofiled-cache-$run" cold_start "$OUT/emulator-without-profile/MfaEmulator.dll" --grpc-urls none)")
done

# A fresh emulator for wrk, its state the default one plus the devices below.
start_emulator

# Devices for bind (the admin's v3 device) and enable (a v5 device of a second user), so both reach the code check.
curl -s -o /dev/null -X POST -H "$HUAWEI" -H 'Content-Type: application/json' "$E/v3.0/OS-MFA/virtual-mfa-devices" \
  -d "{\"virtual_mfa_device\":{\"name\":\"phone\",\"user_id\":\"$ADMIN_ID\"}}"
V5_USER="$(curl -s -X POST -H 'Content-Type: application/json' "$E/_emulator/huawei/users" -d '{"name":"bench-v5"}' \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["user_id"])')"
curl -s -o /dev/null -X POST -H "$HUAWEI" -H 'Content-Type: application/json' "$E/v5/virtual-mfa-devices" \
  -d "{\"virtual_mfa_device_name\":\"bench\",\"user_id\":\"$V5_USER\"}"
python3 - "$OUT" "$V5_USER" <<'PY'
import json, sys
out, user = sys.argv[1], sys.argv[2]
body = json.load(open(f"{out}/EnableMfaDeviceV5.json"))
body["user_id"] = user
body["serial_number"] = body["serial_number"].replace(":phone", ":bench")
json.dump(body, open(f"{out}/EnableMfaDeviceV5.json", "w"))
PY
echo '{}' >"$OUT/empty.json"

ROUTES=(
  "HSS PUT two-factor-login/config|PUT|$HSS_PATH|$OUT/SetTwoFactorLoginConfig.json|$HUAWEI"
  "IAM v3 PUT login-protect|PUT|$(cat "$OUT/UpdateLoginProtect.path")|$OUT/UpdateLoginProtect.json|$HUAWEI"
  "IAM v3 PUT mfa-devices/bind (wrong codes: 400)|PUT|$(cat "$OUT/CreateBindingDevice.path")|$OUT/CreateBindingDevice.json|$HUAWEI"
  "IAM v5 POST mfa-devices/enable (wrong codes: 400)|POST|$(cat "$OUT/EnableMfaDeviceV5.path")|$OUT/EnableMfaDeviceV5.json|$HUAWEI"
  "IAM v3 GET a user's device|GET|/v3.0/OS-MFA/users/$ADMIN_ID/virtual-mfa-device||$HUAWEI"
  "ZITADEL POST second_factors (present: 409)|POST|$(cat "$OUT/AddSecondFactorToLoginPolicy.path")|$OUT/AddSecondFactorToLoginPolicy.json|$ZITADEL"
  "ZITADEL POST second_factors/_search|POST|/management/v1/policies/login/second_factors/_search|$OUT/empty.json|$ZITADEL"
)

BARE_PORT="$(free_port)"
SERVER_ENV="${BARE_ENV:-}" start bare "$OUT/bare/BareApi.dll" "$BARE_PORT"

echo "Machine: $(machine) per server, as two alternating halves of $HALF; emulator options: ${EMULATOR_ARGS:-defaults (journal on)}; bare API environment: ${BARE_ENV:-defaults}."
echo
echo "| route | bare req/s | bare p99 ms | emulator req/s | emulator p99 ms | non-2xx | req/s ratio | p99 ratio | CPU µs/request bare, emulator |"
echo "|---|---|---|---|---|---|---|---|---|"
for route in "${ROUTES[@]}"; do
  IFS='|' read -r label method path body headers <<<"$route"
  # A short warm-up of each server first (JIT, tiered compilation), then the measured run.
  DURATION="$WARMUP" measure "$BARE_PORT" "$method" "$path" "$body" "$headers" >/dev/null
  DURATION="$WARMUP" measure "$EMULATOR_PORT" "$method" "$path" "$body" "$headers" >/dev/null
  # Measured in two halves each, alternating (bare, emulator, bare, emulator): this machine's speed drifts over tens of
  # seconds, and measured one after the other, a drift fell on one server only.
  halves=()
  for _ in 1 2; do
    halves+=("$(measure_half bare "$BARE_PORT" "$method" "$path" "$body" "$headers")")
    halves+=("$(measure_half emulator "$EMULATOR_PORT" "$method" "$path" "$body" "$headers")")
  done
  python3 - "$label" "$TICKS_PER_SECOND" "${halves[@]}" <<'PY'
import sys
label, hz, *halves = sys.argv[1:]
bare1, emu1, bare2, emu2 = ([float(x) for x in half.split()] for half in halves)
# Halves of one length: req/s and p99 are the mean of the two; non-2xx, requests and CPU ticks add up.
both = lambda a, b: ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2, a[2] + b[2], a[3] + b[3], a[4] + b[4])
bare_rps, bare_p99, _, bare_requests, bare_ticks = both(bare1, bare2)
emu_rps, emu_p99, errors, requests, emu_ticks = both(emu1, emu2)
per_request = lambda ticks, n: ticks / float(hz) * 1e6 / n
print(f"| {label} | {bare_rps:.0f} | {bare_p99:.2f} | {emu_rps:.0f} | {emu_p99:.2f} | {errors:.0f} of {requests:.0f} | "
      f"{emu_rps / bare_rps:.2f}× | {emu_p99 / bare_p99:.2f}× | "
      f"{per_request(bare_ticks, bare_requests):.0f}, {per_request(emu_ticks, requests):.0f} |")
PY
done
kill "$(cat "$OUT/emulator.pid")" "$(cat "$OUT/bare.pid")" 2>/dev/null || true
BARE_COLD="$(median "${BARE_RUNS[@]}")"
echo
echo "| cold start: launch → first 200 of the HSS call (median of $COLD_RUNS) | bare | emulator | ratio |"
echo "|---|---|---|---|"
row() { python3 -c "import sys; b, e = float(sys.argv[2]), float(sys.argv[3]); print(f'| {sys.argv[1]} | {b:.0f} ms | {e:.0f} ms | {e / b:.2f}× |')" "$@"; }
row "published Release build, dotnet <dll>, first start (an empty cache): the emulator plays back the profile its publish recorded" "$BARE_COLD" "$(median "${EMU_RUNS[@]}")"
row "the same without that profile (removed from a copy of the published folder)" "$BARE_COLD" "$(median "${UNPROFILED_RUNS[@]}")"
row "like for like: the published emulator against the bare API with W^X off as well (DOTNET_EnableWriteXorExecute=0)" "$(median "${BARE_WX_OFF_RUNS[@]}")" "$(median "${EMU_RUNS[@]}")"
