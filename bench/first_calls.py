#!/usr/bin/env python3
"""first_calls.py [ROUNDS [IDLE_SECONDS]] NAME=PUBLISH_DIR…: what a route's first call costs once the emulator has had
IDLE_SECONDS of idle time after its start (src/MfaEmulator/Emulator/IdleWarmup.cs builds validators then).

Alternating rounds, one start of each published emulator per round in an empty cache folder: the HSS call as soon as
it listens (launch → first answer, ms), IDLE_SECONDS of nothing, then the first call of each other documented
operation and of Keystone's user list, each on its own connection (ms), and the process's RSS. Prints the medians as a
markdown table. The requests are the served OpenAPI document's examples (documented_requests.py, as bench/load.sh sends), read from a start
of the first build before the rounds; bind and enable meet no device, so they answer 4xx after their validation.

  dotnet publish src/MfaEmulator -c Release -p:UseAppHost=false -r linux-x64 --self-contained false \\
      -p:PublishReadyToRun=true -o /tmp/new          # and the same of another commit in /tmp/old
  python3 bench/first_calls.py 9 2 old=/tmp/old new=/tmp/new
"""
import http.client
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time

from documented_requests import examples

args = sys.argv[1:]
numbers = [a for a in args if "=" not in a]
builds = [a.split("=", 1) for a in args if "=" in a]
if not builds:
    sys.exit(__doc__)
rounds = int(numbers[0]) if numbers else 9
idle = float(numbers[1]) if len(numbers) > 1 else 2.0
HUAWEI = {"X-Auth-Token": "MIIEmulatorAdminToken", "Content-Type": "application/json"}
ZITADEL = {"Authorization": "Bearer zitadel-emulator-owner-pat-00000000000000000000000000000000000000000001",
           "Content-Type": "application/json"}
LATER = [("IAM v3 PUT login-protect", "UpdateLoginProtect", HUAWEI),
         ("ZITADEL POST second_factors", "AddSecondFactorToLoginPolicy", ZITADEL),
         ("IAM v5 POST mfa-devices/enable", "EnableMfaDeviceV5", HUAWEI),
         ("IAM v3 PUT mfa-devices/bind", "CreateBindingDevice", HUAWEI)]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def call(port, method, path, body, headers):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    began = time.perf_counter()
    connection.request(method, path, body=body, headers=headers)
    connection.getresponse().read()
    elapsed = (time.perf_counter() - began) * 1000
    connection.close()
    return elapsed


def start(folder, port, cache):
    return subprocess.Popen(["dotnet", f"{folder}/MfaEmulator.dll", "--urls", f"http://127.0.0.1:{port}", "--grpc-urls", "none"],
                            env={**os.environ, "XDG_CACHE_HOME": cache}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def until_answered(port, method, path, body, headers):
    while True:
        try:
            return call(port, method, path, body, headers)
        except OSError:
            time.sleep(0.001)


def operations(folder):
    """operationId → (method, path with the examples' parameters, the example body)."""
    port, cache = free_port(), tempfile.mkdtemp()
    process = start(folder, port, cache)
    try:
        until_answered(port, "GET", "/_emulator/health", None, {})
        connection = http.client.HTTPConnection("127.0.0.1", port)
        connection.request("GET", "/openapi/v1.json")
        document = json.loads(connection.getresponse().read())
    finally:
        process.terminate()
        process.wait()
        shutil.rmtree(cache, ignore_errors=True)
    return examples(document)


requests = operations(builds[0][1])
figures = {name: {} for name, _ in builds}
for _ in range(rounds):
    for name, folder in builds:
        port, cache = free_port(), tempfile.mkdtemp()
        launched = time.perf_counter()
        process = start(folder, port, cache)
        try:
            until_answered(port, *requests["SetTwoFactorLoginConfig"], HUAWEI)
            figures[name].setdefault("HSS PUT two-factor-login/config, launch → first answer", []).append((time.perf_counter() - launched) * 1000)
            time.sleep(idle)
            for label, operation, headers in LATER:
                figures[name].setdefault(label, []).append(call(port, *requests[operation], headers))
            figures[name].setdefault("Keystone GET /v3/users", []).append(call(port, "GET", "/v3/users?limit=5", None, HUAWEI))
            with open(f"/proc/{process.pid}/status") as status:
                rss = next(int(line.split()[1]) for line in status if line.startswith("VmRSS")) / 1024
            figures[name].setdefault("RSS after, MiB", []).append(rss)
        finally:
            process.terminate()
            process.wait()
            shutil.rmtree(cache, ignore_errors=True)

print(f"| first call after {idle:g} s idle, ms (median of {rounds}) | " + " | ".join(name for name, _ in builds) + " |")
print("|---|" + "---|" * len(builds))
for row in figures[builds[0][0]]:
    print(f"| {row} | " + " | ".join(f"{statistics.median(figures[name][row]):.1f}" for name, _ in builds) + " |")
