#!/usr/bin/env python3
"""Cluster provision latency of a running dedicate broker.

Sends COUNT provision requests (PUT /v2/service_instances/<new uuid>?accepts_incomplete=true) one
after the other on one keep-alive HTTP connection, as Cloud Foundry's Cloud Controller would
(basic auth, X-Broker-API-Version 2.17, an originating identity, an OSB context), and measures
each from sending the request to reading the whole 202 answer (render + state store + git commit).
Every answer must be 202; anything else stops the run with the answer printed.

Prints one line: "count=N p50_ms=X p90_ms=X p99_ms=X max_ms=X total_s=X". Python 3 standard
library only.

    broker_provision.py --port 8080 --count 200 [--warmup 20] [--user U --password P]
                        [--service ID --plan ID]
"""

import argparse
import base64
import http.client
import json
import math
import os
import sys
import time
import uuid

# The MySQL offering's IDs (name-based UUIDs, stable across compiles).
MYSQL_SERVICE = "8de0837c-7c94-5680-aabb-1a527f3ab4ad"
MYSQL_CLUSTER_SMALL = "37282dad-6171-54b3-a28e-1a395472b7ac"
ORG = "0b5f3f9e-org"
SPACE = "6f1f0c9a-space"


def percentile(sorted_values, fraction):
    """The nearest-rank percentile of an ascending list."""
    rank = max(1, math.ceil(fraction * len(sorted_values)))
    return sorted_values[rank - 1]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--count", type=int, default=200, help="measured provisions")
    parser.add_argument("--warmup", type=int, default=20, help="provisions before measuring")
    parser.add_argument("--user", default=os.environ.get("DEDICATE_BROKER_USERNAME", "admin"))
    parser.add_argument("--password", default=os.environ.get("DEDICATE_BROKER_PASSWORD", ""))
    parser.add_argument("--service", default=MYSQL_SERVICE)
    parser.add_argument("--plan", default=MYSQL_CLUSTER_SMALL)
    parser.add_argument("--per-org", type=int, default=5,
                        help="clusters per org (the offering's clusters_per_org limit)")
    parser.add_argument("--progress", type=int, default=0, help="print a line every N provisions")
    args = parser.parse_args()

    token = base64.b64encode(f"{args.user}:{args.password}".encode()).decode()
    identity = base64.b64encode(b'{"user_id":"bench-user"}').decode()
    headers = {
        "Authorization": "Basic " + token,
        "X-Broker-API-Version": "2.17",
        "X-Broker-API-Originating-Identity": "cloudfoundry " + identity,
        "Content-Type": "application/json",
        "Accept": "application/json",
    }
    connection = http.client.HTTPConnection(args.host, args.port, timeout=60)
    run = uuid.uuid4().hex[:8]
    made = 0

    def provision(index):
        # the MySQL offering allows 5 clusters per org (limits): a new org every --per-org clusters
        nonlocal made
        org = f"{ORG}-{run}-{made // args.per_org}"
        space = f"{SPACE}-{run}-{made // args.per_org}"
        made += 1
        instance = str(uuid.uuid4())
        body = json.dumps({
            "service_id": args.service,
            "plan_id": args.plan,
            "organization_guid": org,
            "space_guid": space,
            "context": {
                "platform": "cloudfoundry",
                "organization_guid": org,
                "organization_name": "bench-" + org,
                "space_guid": space,
                "space_name": "bench-space",
                "instance_name": f"bench-{run}-{index}",
            },
            "parameters": {},
        }).encode()
        request_headers = dict(headers, **{"X-Broker-API-Request-Identity": str(uuid.uuid4())})
        start = time.perf_counter()
        connection.request("PUT", f"/v2/service_instances/{instance}?accepts_incomplete=true",
                           body=body, headers=request_headers)
        response = connection.getresponse()
        answer = response.read()
        elapsed = time.perf_counter() - start
        if response.status != 202:
            sys.exit(f"broker_provision: provision {index} of {instance} answered {response.status}: "
                     f"{answer.decode(errors='replace')[:500]}")
        return elapsed

    for i in range(args.warmup):
        provision(f"w{i}")
    latencies = []
    began = time.perf_counter()
    for i in range(args.count):
        latencies.append(provision(i))
        if args.progress and (i + 1) % args.progress == 0:
            print(f"  {i + 1} provisions, {time.perf_counter() - began:.1f} s", file=sys.stderr, flush=True)
    total = time.perf_counter() - began
    connection.close()

    ms = sorted(t * 1000 for t in latencies)
    print(f"count={len(ms)} p50_ms={percentile(ms, 0.50):.1f} p90_ms={percentile(ms, 0.90):.1f} "
          f"p99_ms={percentile(ms, 0.99):.1f} max_ms={ms[-1]:.1f} total_s={total:.1f}")


if __name__ == "__main__":
    main()
