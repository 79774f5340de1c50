#!/usr/bin/env python3
"""Waits for a starting dedicate broker: polls GET /v2/catalog (basic auth, X-Broker-API-Version
2.17) every 10 ms until it answers 200, then exits 0; exits 1 after --timeout seconds or when the
process --pid is gone. Used by broker-bench.sh to time start-up. Python 3 standard library only.

    broker_wait.py --port 8080 [--pid PID] [--timeout 120]
"""

import argparse
import base64
import http.client
import os
import sys
import time


def alive(pid):
    """True while the process runs (and is not a zombie)."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--pid", type=int, default=0, help="give up when this process ends")
    parser.add_argument("--timeout", type=float, default=120)
    parser.add_argument("--user", default=os.environ.get("DEDICATE_BROKER_USERNAME", "admin"))
    parser.add_argument("--password", default=os.environ.get("DEDICATE_BROKER_PASSWORD", ""))
    args = parser.parse_args()
    token = base64.b64encode(f"{args.user}:{args.password}".encode()).decode()
    headers = {"Authorization": "Basic " + token, "X-Broker-API-Version": "2.17"}
    deadline = time.monotonic() + args.timeout
    while time.monotonic() < deadline:
        if args.pid and not alive(args.pid):
            sys.exit(f"broker_wait: the broker (pid {args.pid}) ended before answering")
        try:
            connection = http.client.HTTPConnection(args.host, args.port, timeout=5)
            connection.request("GET", "/v2/catalog", headers=headers)
            response = connection.getresponse()
            response.read()
            connection.close()
            if response.status == 200:
                return
        except OSError:
            pass
        time.sleep(0.01)
    sys.exit(f"broker_wait: no 200 on /v2/catalog at {args.host}:{args.port} after {args.timeout} s")


if __name__ == "__main__":
    main()
