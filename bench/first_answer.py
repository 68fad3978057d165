#!/usr/bin/env python3
"""first_answer.py METHOD URL BODYFILE HEADER -- COMMAND…: launches COMMAND and prints the milliseconds from the launch
to the first 200 answer to METHOD URL (with BODYFILE as a JSON body, and HEADER), polled from this one process every
millisecond; then stops COMMAND with SIGTERM.

The poll is a connect and, once the port listens, the request: ~30 µs of CPU per attempt. A curl process per attempt
(what bench/load.sh did before) cost ~22 ms of CPU each, so on a 2-core machine the poller took most of the core the
server's own start-up threads would have used, and ticked every ~27 ms.
"""
import socket
import subprocess
import sys
import time
from urllib.parse import urlsplit

method, url, body_file, header, separator, *command = sys.argv[1:]
if separator != "--" or not command:
    sys.exit("usage: first_answer.py METHOD URL BODYFILE HEADER -- COMMAND…")
target = urlsplit(url)
body = open(body_file, "rb").read()
request = (
    f"{method} {target.path} HTTP/1.1\r\nHost: {target.netloc}\r\n{header}\r\nContent-Type: application/json\r\n"
    f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
).encode() + body


def answered_200() -> bool:
    try:
        with socket.create_connection((target.hostname, target.port), timeout=10) as connection:
            connection.sendall(request)
            status_line = b""
            while b"\r\n" not in status_line:
                chunk = connection.recv(4096)
                if not chunk:
                    break
                status_line += chunk
            return status_line.split(b" ", 2)[1:2] == [b"200"]
    except OSError:
        return False


began = time.perf_counter_ns()
server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
try:
    while not answered_200():
        if server.poll() is not None:
            sys.exit(f"the server exited with {server.returncode} before answering 200")
        time.sleep(0.001)
    print(round((time.perf_counter_ns() - began) / 1e6))
finally:
    # Stopped as a user stops it (SIGTERM), so what it does on a graceful stop happens, untimed.
    server.terminate()
    try:
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()
