#!/usr/bin/env python3
"""Child provision + bind latency of a running dedicate broker on a ready cluster.

Creates the clusters the databases need (the offering allows --per-cluster databases in a cluster;
each cluster in its own org, so the org quota never interferes), all before timing: each one with
PUT /v2/service_instances/<uuid>?accepts_incomplete=true (202), made ready the way its pipeline would (POST of the deploy report, with the token and URL read from the files
the broker committed to its local deployment repository, outputs pointing at a MySQL server's admin
endpoint), then, one after the other on one keep-alive HTTP connection, creates COUNT databases in
them (PUT of a child instance with {"cluster": <name>}, 201) and binds each (PUT of a binding, 201),
and measures each child + bind pair from sending the first request to reading the second answer.
Any other answer stops the run with the answer printed.

Then, on the measured pairs' children, the requests that make up the broker's own floor, each timed
--floor times after as many for warm-up: the same child PUT again (200: the child is read and the
answer made durable, through the same filters, controller and sync as a create, with no write and no
MySQL statement), a GET of the child instance (no sync) and a GET of the catalog (no store at all).

Prints two lines: "count=N p50_ms=X p90_ms=X p99_ms=X max_ms=X total_s=X", then "child_put_ms=X
bind_put_ms=X same_put_ms=X get_instance_ms=X catalog_ms=X" (p50s: the pair's two requests, then the
floors). Python 3 standard library and the git command.

    child_bench.py --port 8080 --repo DATA/deployments.git --mysql-port 3306
                   --mysql-user U --mysql-password P --count 200 [--warmup 10] [--floor 400]
"""

import argparse
import base64
import hashlib
import hmac
import http.client
import json
import math
import os
import subprocess
import sys
import time
import uuid

# The MySQL offering's IDs (name-based UUIDs, stable across compiles).
MYSQL_SERVICE = "8de0837c-7c94-5680-aabb-1a527f3ab4ad"
MYSQL_CLUSTER_SMALL = "37282dad-6171-54b3-a28e-1a395472b7ac"
MYSQL_CHILD_1GB = "bb531a5e-843d-54d3-aff2-09a58a2292ff"
ORG = "0b5f3f9e-org"
SPACE = "6f1f0c9a-space"


def percentile(sorted_values, fraction):
    """The nearest-rank percentile of an ascending list."""
    rank = max(1, math.ceil(fraction * len(sorted_values)))
    return sorted_values[rank - 1]


def context(name, org=ORG):
    return {
        "platform": "cloudfoundry",
        "organization_guid": org,
        "organization_name": "bench-org-" + org,
        "space_guid": SPACE,
        "space_name": "bench-space",
        "instance_name": name,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--repo", required=True, help="the broker's local deployment repository (bare)")
    parser.add_argument("--branch", default="main")
    parser.add_argument("--mysql-host", default="127.0.0.1")
    parser.add_argument("--mysql-port", type=int, required=True)
    parser.add_argument("--mysql-user", required=True)
    parser.add_argument("--mysql-password", required=True)
    parser.add_argument("--count", type=int, default=200, help="measured child + bind pairs")
    parser.add_argument("--warmup", type=int, default=10, help="pairs before measuring")
    parser.add_argument("--floor", type=int, default=400, help="timed requests of each floor kind")
    parser.add_argument("--plan", default=MYSQL_CHILD_1GB)
    parser.add_argument("--per-cluster", type=int, default=50,
                        help="databases per cluster (the offering's children_per_cluster)")
    parser.add_argument("--user", default=os.environ.get("DEDICATE_BROKER_USERNAME", "admin"))
    parser.add_argument("--password", default=os.environ.get("DEDICATE_BROKER_PASSWORD", ""))
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

    def send(method, path, body, expected, what, extra_headers=None, sign_for=None):
        request_headers = dict(headers, **{"X-Broker-API-Request-Identity": str(uuid.uuid4())})
        request_headers.update(extra_headers or {})
        payload = None if body is None else json.dumps(body).encode()
        if sign_for is not None:  # a pipeline's report: HMAC-SHA256(key, OPERATION_ID + "\n" + BODY), no basic auth
            key = bytes.fromhex(os.environ["DEDICATE_REPORT_SIGNING_KEY"])
            digest = hmac.new(key, sign_for.encode() + b"\n" + payload, hashlib.sha256).hexdigest()
            request_headers.pop("Authorization", None)
            request_headers["X-Dedicate-Signature"] = "sha256=" + digest
        connection.request(method, path, body=payload, headers=request_headers)
        response = connection.getresponse()
        answer = response.read()
        if response.status != expected:
            sys.exit(f"child_bench: {what} answered {response.status}, not {expected}: "
                     f"{answer.decode(errors='replace')[:500]}")
        return answer

    run = uuid.uuid4().hex[:8]

    def ready_cluster(k):
        """A cluster in org ORG-k, made ready with the MySQL server as its outputs: (name, org)."""
        org = f"{ORG}-{k}"
        cluster_name = f"bench-cluster-{run}-{k}"
        cluster = str(uuid.uuid4())
        send("PUT", f"/v2/service_instances/{cluster}?accepts_incomplete=true", {
            "service_id": MYSQL_SERVICE, "plan_id": MYSQL_CLUSTER_SMALL,
            "organization_guid": org, "space_guid": SPACE,
            "context": context(cluster_name, org), "parameters": {},
        }, 202, "cluster provision")
        folder = f"{org}/{SPACE}/{cluster}"

        def committed(path):
            return subprocess.run(["git", "--git-dir", args.repo, "show", f"{args.branch}:{folder}/{path}"],
                                  check=True, capture_output=True, text=True).stdout

        deadline = time.monotonic() + 60
        while True:
            try:
                operation = json.loads(committed("operation.json"))
                break
            except subprocess.CalledProcessError:
                if time.monotonic() > deadline:
                    sys.exit(f"child_bench: the cluster's operation.json never reached {args.repo}")
                time.sleep(0.1)
        report_url = operation["report_url"]
        report_path = report_url.split("://", 1)[1].split("/", 1)[1]
        send("POST", "/" + report_path, {
            "state": "succeeded", "description": "deployed (benchmark)",
            "outputs": {"host": args.mysql_host, "port": args.mysql_port,
                        "admin_username": args.mysql_user, "admin_password": args.mysql_password},
        }, 200, "deploy report", sign_for=report_path.split("/")[-2])
        return cluster_name, org

    clusters = [ready_cluster(k) for k in range(math.ceil((args.warmup + args.count) / args.per_cluster))]
    placed = 0

    def child_and_bind(index):
        nonlocal placed
        cluster_name, org = clusters[placed // args.per_cluster]
        placed += 1
        child = str(uuid.uuid4())
        create = {
            "service_id": MYSQL_SERVICE, "plan_id": args.plan,
            "context": context(f"bench-db-{run}-{index}", org), "parameters": {"cluster": cluster_name},
        }
        start = time.perf_counter()
        send("PUT", f"/v2/service_instances/{child}", create, 201, f"child {index} ({child})")
        created = time.perf_counter()
        send("PUT", f"/v2/service_instances/{child}/service_bindings/{uuid.uuid4()}", {
            "service_id": MYSQL_SERVICE, "plan_id": args.plan,
            "bind_resource": {"app_guid": "bench-app"}, "parameters": {},
        }, 201, f"binding of child {index} ({child})")
        bound = time.perf_counter()
        return child, create, created - start, bound - created

    for i in range(args.warmup):
        child_and_bind(f"w{i}")
    pairs = []
    began = time.perf_counter()
    for i in range(args.count):
        pairs.append(child_and_bind(i))
    total = time.perf_counter() - began

    def p50(seconds):
        return percentile(sorted(seconds), 0.50) * 1000

    def timed(request, pair):
        start = time.perf_counter()
        request(pair)
        return time.perf_counter() - start

    def floor(request):
        """The p50 of --floor requests after as many for warm-up, round-robin over the measured pairs' children."""
        times = [timed(request, pairs[k % len(pairs)]) for k in range(2 * args.floor)]
        return p50(times[args.floor:])

    same_put = floor(lambda pair: send("PUT", f"/v2/service_instances/{pair[0]}", pair[1], 200, "the same child PUT"))
    get_instance = floor(lambda pair: send("GET", f"/v2/service_instances/{pair[0]}", None, 200, "GET of a child"))
    catalog = floor(lambda pair: send("GET", "/v2/catalog", None, 200, "GET of the catalog"))
    connection.close()

    ms = sorted((child + bind) * 1000 for _, _, child, bind in pairs)
    print(f"count={len(ms)} p50_ms={percentile(ms, 0.50):.1f} p90_ms={percentile(ms, 0.90):.1f} "
          f"p99_ms={percentile(ms, 0.99):.1f} max_ms={ms[-1]:.1f} total_s={total:.1f}")
    print(f"child_put_ms={p50([pair[2] for pair in pairs]):.2f} bind_put_ms={p50([pair[3] for pair in pairs]):.2f} "
          f"same_put_ms={same_put:.2f} get_instance_ms={get_instance:.2f} catalog_ms={catalog:.2f}")


if __name__ == "__main__":
    main()
