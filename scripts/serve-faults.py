#!/usr/bin/env python3
"""The server's fault matrix for slow, idle and many clients (issue 13 item 5).

Usage: scripts/serve-faults.py POLICYKG_BINARY STORE_DIR [serve flags...]

Starts `policykg serve` on a free loopback port over STORE_DIR (read-only), then,
all at once: 1,000 idle connections, 50 slowloris connections (one byte a second
of a request head that never ends), and 200 concurrent full-scan COUNTs. While
they are on, it times `ASK {}` every half second. It prints one JSON object:
what happened to each class of client and how the cheap query fared. Standard
library only; nothing to install.
"""

import json
import resource
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

HEAVY = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def start(binary, store, flags):
    server = subprocess.Popen(
        [binary, "serve", "--store", store, "--bind", "127.0.0.1:0", "-q", *flags],
        stderr=subprocess.PIPE,
        text=True,
    )
    for line in server.stderr:
        if line.startswith("listening on "):
            url = line.split()[2]
            return server, url
    raise SystemExit("serve printed no address")


def get(url, query, timeout):
    started = time.monotonic()
    try:
        with urllib.request.urlopen(
            url + "?" + urllib.parse.urlencode({"query": query}), timeout=timeout
        ) as reply:
            reply.read()
            status = reply.status
    except urllib.error.HTTPError as e:
        text = e.read().decode("utf-8", "replace")
        reason = next(
            (r for r in ("connections", "busy", "time limit", "kept") if r in text), "other"
        )
        status = f"{e.code} {reason}"
    except Exception as e:  # refused, reset, timed out
        status = type(e).__name__
    return status, time.monotonic() - started


def main():
    binary, store, *flags = sys.argv[1:]
    # A descriptor per connection, for this process and the server it starts.
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, min(hard, 8192)), hard))
    server, url = start(binary, store, flags)
    host, port = url.split("/")[2].split(":")
    port = int(port)
    out = {"flags": flags}
    try:
        # 1,000 idle connections: how many does the server close, and when.
        idle = []
        for _ in range(1000):
            try:
                idle.append(socket.create_connection((host, port), timeout=5))
            except OSError:
                break
        out["idle_opened"] = len(idle)

        # 50 slowloris connections, one byte a second.
        slow_closed = []

        def slowloris():
            try:
                s = socket.create_connection((host, port), timeout=5)
            except OSError:
                slow_closed.append(0.0)
                return
            started = time.monotonic()
            head = b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: x\r\nX-Slow: " + b"a" * 100
            for byte in head:
                try:
                    s.sendall(bytes([byte]))
                except OSError:
                    slow_closed.append(time.monotonic() - started)
                    return
                time.sleep(1)
            s.close()

        slow = [threading.Thread(target=slowloris) for _ in range(50)]
        for t in slow:
            t.start()

        # 200 concurrent full scans.
        heavy = []

        def scan():
            heavy.append(get(url, HEAVY, 300))

        scans = [threading.Thread(target=scan) for _ in range(200)]
        started = time.monotonic()
        for t in scans:
            t.start()
        # The cheap query, every half second while the scans are on.
        cheap = []
        while any(t.is_alive() for t in scans):
            cheap.append(get(url, "ASK {}", 300))
            time.sleep(0.5)
        out["scans_seconds"] = round(time.monotonic() - started, 1)
        statuses = {}
        for status, _ in heavy:
            statuses[str(status)] = statuses.get(str(status), 0) + 1
        out["scans_by_status"] = statuses
        ok = [s for s in heavy if s[0] == 200]
        out["scans_answered_200_max_seconds"] = round(max((s[1] for s in ok), default=0), 2)
        cheap_statuses = {}
        for status, _ in cheap:
            cheap_statuses[str(status)] = cheap_statuses.get(str(status), 0) + 1
        out["ask_by_status"] = cheap_statuses
        out["ask_max_seconds"] = round(max((c[1] for c in cheap), default=0), 3)
        for t in slow:
            t.join()
        out["slowloris_closed"] = len(slow_closed)
        out["slowloris_closed_after_max_seconds"] = round(max(slow_closed, default=0), 1)
        # Which idle connections did the server close?
        closed = 0
        for s in idle:
            s.settimeout(0.01)
            try:
                s.recv(1)  # EOF, or the 503 of a connection over the cap
                closed += 1
            except socket.timeout:
                pass
            except OSError:
                closed += 1
            s.close()
        out["idle_closed_by_server"] = closed
        out["ask_after"] = get(url, "ASK {}", 30)[0]
    finally:
        server.terminate()
        server.wait(30)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
