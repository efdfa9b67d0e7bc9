"""HTTP load test of a real `regionkg serve` on loopback, bounded in requests and in time.

Builds an on-disk store of ``--triples`` synthetic quads (``bench/synth.py``, regionkg's own RDF
builder) through the store's own API (or reuses the one in ``--data``), starts ``regionkg serve`` on
127.0.0.1 (2 query workers, ``--workers`` HTTP processes), then with ``--clients`` concurrent
connections runs three phases and reports p50/p99 and requests/s:

1. entity cards (``/api/entities/{id}``) of random entities and the biggest hubs, twice: the
   first pass after the start builds every card, the second finds the costly ones (hubs) kept
   by the server's card cache (``api/card_cache.py``) and shows the steady state;
2. the SPARQL query mix of ``bench/bench_sparql.py`` through ``/sparql`` (worker processes):
   each query once alone, then those that finish within the deadline under load;
3. a runaway query (killed at the deadline) while ``/health`` is polled and cards keep going.

Load generator: ``wrk`` (C, Debian package ``wrk``; a Lua script picks a random path per request
and stops each thread at its share of ``--requests``) when it is on PATH, else httpx in Python,
which on a small machine takes CPU from the server it measures. The report says which ran; the
runaway phase always uses httpx (it needs its own /health poller).

Targets: entity card p99 < 50 ms; ``/health`` < 200 ms while the runaway query is being killed.

    python bench/bench_api.py --triples 1000000 --clients 32
    python bench/bench_api.py --data /tmp/rkg-1m --phases cards --workers 2   # reuse a built store
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
import random
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).parent))
from bench_sparql import QUERIES  # noqa: E402
from synth import quads as synth_quads  # noqa: E402

from regionkg.graph.iris import entity_id  # noqa: E402
from regionkg.graph.store import open_store, store_path  # noqa: E402
from regionkg.ontology import SPARQL_PREFIXES  # noqa: E402
from regionkg.settings import Settings  # noqa: E402

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
WRK_THREADS = 2

# Each wrk thread reads the paths, sends random ones and stops after its share of requests;
# done() prints one JSON line with what the report needs.
WRK_SCRIPT = """
local paths = {}
for line in io.lines(os.getenv("RKG_PATHS")) do paths[#paths + 1] = line end
local budget = tonumber(os.getenv("RKG_REQUESTS_PER_THREAD"))
local answered = 0
local seeded = false

request = function()
  if not seeded then math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16)); seeded = true end
  return wrk.format("GET", paths[math.random(#paths)])
end

response = function(status, headers, body)
  answered = answered + 1
  if answered == budget then
    io.write("thread done\\n"); io.flush()  -- when every thread is done, the caller sends SIGINT
    wrk.thread:stop()
  end
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "p50_us": %d, "p99_us": %d, "max_us": %d, "status_4xx_5xx": %d,'
    .. ' "socket_errors": %d}\\n', summary.requests, summary.duration, latency:percentile(50),
    latency:percentile(99), latency.max, e.status, e.connect + e.read + e.write + e.timeout))
end
"""


def build_store(n: int, data_dir: Path) -> None:
    """Write the store through its own API (one ``replace_graph`` per synthetic article)."""
    start = time.perf_counter()
    store = open_store(Settings(data_dir=data_dir))
    for graph, quads in itertools.groupby(synth_quads(n), key=lambda q: q.graph_name.value):
        store.replace_graph(graph, list(quads))
    store.close()
    print(f"store written in {time.perf_counter() - start:.1f} s", file=sys.stderr)


def pick(data_dir: Path) -> tuple[int, list[str], dict[str, str]]:
    """Quads, card ids (500 random entities + the 5 biggest hubs) and the query-mix parameters."""
    store = open_store(Settings(data_dir=data_dir), in_memory=True, read_only=True)
    size = len(store)  # type: ignore[arg-type]

    def rows(q: str) -> list:
        return list(store.query(SPARQL_PREFIXES + q))  # type: ignore[arg-type]

    entities = [r[0].value for r in rows("SELECT DISTINCT ?e WHERE { ?e rkg:mentionedIn ?d }")]
    hubs = rows("""SELECT ?e (COUNT(*) AS ?n) WHERE { ?x ?p ?e . ?e rkg:mentionedIn ?d }
        GROUP BY ?e ORDER BY DESC(?n) LIMIT 5""")
    ids = [entity_id(r[0].value) for r in hubs]
    ids += [entity_id(iri) for iri in random.Random(1).sample(entities, min(500, len(entities)))]

    def label(q: str) -> str:
        return rows(q + ' ?x skos:prefLabel ?l FILTER(langMatches(lang(?l), "zh-Hans")) } LIMIT 1')[0][0].value

    params = {  # cheap picks (bench_sparql's own picks run an aggregate over the whole graph)
        "hub": label(f"SELECT ?l WHERE {{ VALUES ?x {{ <{hubs[0][0].value}> }}"),
        "province": label("SELECT ?l WHERE { ?x a rkg:Province ."),
        "district": label("SELECT ?l WHERE { ?x a rkg:District ; rkg:partOf+ ?t . ?pol rkg:targets ?t ."),
    }
    store.close()
    return size, ids, params


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(data_dir: Path, timeout_s: float, workers: int) -> tuple[subprocess.Popen, str]:
    port = free_port()
    env = {**os.environ, "REGIONKG_QUERY_TIMEOUT": str(timeout_s), "REGIONKG_QUERY_WORKERS": "2"}
    proc = subprocess.Popen([sys.executable, "-c", "from regionkg.cli.main import run; run()", "serve",
                             "--port", str(port), "--data", str(data_dir), "--workers", str(workers)], env=env)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline:
        try:
            if httpx.get(base + "/health", timeout=1).status_code == 200:
                return proc, base
        except httpx.TransportError:
            time.sleep(0.5)
    proc.kill()
    raise SystemExit("server did not start")


def url_path(path: str, params: dict) -> str:
    """``path`` percent-encoded, with its query string: what goes on the request line."""
    encoded = urllib.parse.quote(path, safe="/")
    return encoded + ("?" + urllib.parse.urlencode(params) if params else "")


def load_wrk(base: str, paths: list[tuple[str, dict]], clients: int, max_requests: int,
             max_seconds: float) -> dict:
    """The same phase with wrk: ``clients`` connections on ``WRK_THREADS`` threads, random paths."""
    threads = min(WRK_THREADS, clients)
    with tempfile.TemporaryDirectory(prefix="rkg-wrk-") as tmp:
        script, listing = Path(tmp) / "paths.lua", Path(tmp) / "paths.txt"
        script.write_text(WRK_SCRIPT, encoding="utf-8")
        listing.write_text("".join(url_path(p, q) + "\n" for p, q in paths), encoding="utf-8")
        env = {**os.environ, "RKG_PATHS": str(listing), "RKG_REQUESTS_PER_THREAD": str(max(1, max_requests // threads))}
        # wrk runs for its whole -d even when every thread stopped; on SIGINT it stops and reports
        proc = subprocess.Popen(["wrk", "-t", str(threads), "-c", str(clients), "-d", f"{max_seconds:g}s",
                                 "--timeout", "60s", "-s", str(script), base], env=env,
                                stdout=subprocess.PIPE, text=True)
        assert proc.stdout is not None
        done, lines = 0, []
        for line in proc.stdout:
            lines.append(line)
            done += line.startswith("thread done")
            if done == threads:
                proc.send_signal(signal.SIGINT)
        if proc.wait() != 0:
            raise SystemExit(f"wrk failed: {''.join(lines)}")
    r = json.loads(next(line for line in reversed(lines) if line.startswith("{")))
    seconds = r["duration_us"] / 1e6
    errors = r["status_4xx_5xx"] + r["socket_errors"]
    return {"requests": r["requests"], "seconds": seconds, "rps": r["requests"] / seconds,
            "p50_ms": r["p50_us"] / 1000, "p99_ms": r["p99_us"] / 1000, "max_ms": r["max_us"] / 1000,
            "statuses": {"ok": r["requests"] - errors, "4xx/5xx or socket error": errors}}


async def load(base: str, paths: list[tuple[str, dict]], clients: int, max_requests: int,
               max_seconds: float) -> dict:
    """``clients`` workers cycle through ``paths`` until the count or the time budget is spent."""
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    sent = 0
    stop_at = time.monotonic() + max_seconds
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, timeout=60, limits=limits) as client:
        async def worker(k: int) -> None:
            nonlocal sent
            while sent < max_requests and time.monotonic() < stop_at:
                path, params = paths[(sent + k) % len(paths)]
                sent += 1
                t = time.perf_counter()
                resp = await client.get(path, params=params)
                latencies.append(time.perf_counter() - t)
                statuses[resp.status_code] = statuses.get(resp.status_code, 0) + 1

        start = time.perf_counter()
        await asyncio.gather(*(worker(k) for k in range(clients)))
        elapsed = time.perf_counter() - start
    latencies.sort()
    if set(statuses) - {200, 503}:
        print(f"  warning: unexpected statuses {statuses}", file=sys.stderr)
    return {"requests": len(latencies), "seconds": elapsed, "rps": len(latencies) / elapsed,
            "p50_ms": statistics.median(latencies) * 1000,
            "p99_ms": latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] * 1000,
            "max_ms": latencies[-1] * 1000, "statuses": statuses}


async def runaway_phase(base: str, card_paths: list[tuple[str, dict]], clients: int) -> dict:
    """Start a runaway query; a separate thread polls /health every 50 ms until it is killed."""
    health: list[float] = []
    done = threading.Event()

    def poll() -> None:  # its own thread and connection: the load clients' event loop adds no delay
        with httpx.Client(base_url=base, timeout=10) as client:
            while not done.is_set():
                t = time.perf_counter()
                assert client.get("/health").status_code == 200
                health.append(time.perf_counter() - t)
                time.sleep(0.05)

    poller = threading.Thread(target=poll)
    async with httpx.AsyncClient(base_url=base, timeout=60) as client:
        runaway = asyncio.create_task(client.get("/sparql", params={"query": RUNAWAY}))
        background = asyncio.create_task(load(base, card_paths, clients, 10**9, 1e9))
        poller.start()
        resp = await runaway
        done.set()
        background.cancel()
    poller.join()
    health.sort()
    return {"runaway_status": resp.status_code, "health_polls": len(health),
            "health_p50_ms": statistics.median(health) * 1000, "health_max_ms": health[-1] * 1000}


def show(name: str, r: dict) -> None:
    print(f"{name:<22} {r['requests']:>6} req {r['seconds']:6.1f} s {r['rps']:8.1f} req/s "
          f"p50 {r['p50_ms']:7.1f} ms p99 {r['p99_ms']:8.1f} ms max {r['max_ms']:8.1f} ms {r['statuses']}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--data", type=Path, help="store directory: built there when empty, else reused")
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--workers", type=int, default=1, help="HTTP server processes (regionkg serve --workers)")
    parser.add_argument("--loader", choices=("auto", "wrk", "httpx"), default="auto")
    parser.add_argument("--phases", nargs="+", choices=("cards", "search", "sparql", "runaway"),
                        default=["cards", "search", "sparql", "runaway"])
    parser.add_argument("--requests", type=int, default=5000, help="per phase, at most")
    parser.add_argument("--seconds", type=float, default=60, help="per phase, at most")
    parser.add_argument("--timeout", type=float, default=5, help="query deadline of the server")
    args = parser.parse_args()
    use_wrk = args.loader == "wrk" or (args.loader == "auto" and shutil.which("wrk") is not None)
    with tempfile.TemporaryDirectory(prefix="rkg-bench-api-") as tmp:
        data = args.data or Path(tmp)
        if not store_path(Settings(data_dir=data)).exists():
            build_store(args.triples, data)
        size, ids, params = pick(data)
        start = time.perf_counter()
        proc, base = start_server(data, args.timeout, args.workers)
        print(f"server ready in {time.perf_counter() - start:.1f} s", file=sys.stderr)

        def phase(name: str, paths: list[tuple[str, dict]], requests: int) -> None:
            if use_wrk:
                show(name, load_wrk(base, paths, args.clients, requests, args.seconds))
            else:
                show(name, asyncio.run(load(base, paths, args.clients, requests, args.seconds)))

        try:
            cards = [(f"/api/entities/{i}", {}) for i in ids]
            mix = [("/sparql", {"query": SPARQL_PREFIXES + q.replace("{hub}", params["hub"])
                                .replace("{province}", params["province"]).replace("{district}", params["district"])})
                   for q in QUERIES.values()]
            for _ in range(args.workers * 2):  # build the label index (in every server process)
                httpx.get(base + "/api/entities", params={"q": "x"}, timeout=120)
            print(f"\n{size:,} quads, {args.clients} clients, {args.workers} server process(es), load generator "
                  f"{'wrk' if use_wrk else 'httpx (Python, same machine)'}, bounded by {args.requests} "
                  f"requests or {args.seconds:g} s per phase")
            if "cards" in args.phases:  # the first pass builds every costly card once per process
                phase("entity cards, 1st pass", cards, args.requests)
                phase("entity cards, 2nd pass", cards, args.requests)
            if "search" in args.phases:
                search = [("/api/entities", {"q": q}) for q in ("星辰", "上饶", "科技", "数字", "华信")]
                phase("entity search", search, args.requests // 5)
            if "sparql" in args.phases:
                light = []
                for name, (path, query) in zip(QUERIES, mix):  # one client first: how long each takes
                    t = time.perf_counter()
                    status = httpx.get(base + path, params=query, timeout=args.timeout * 3).status_code
                    alone = time.perf_counter() - t
                    print(f"  sparql {name:<10} alone: {alone * 1000:8.1f} ms, status {status}")
                    if status == 200 and alone < 1:
                        light.append((path, query))
                phase(f"sparql mix (all {len(mix)})", mix, args.requests // 10)
                phase(f"sparql mix ({len(light)} < 1 s)", light, args.requests // 10)
            if "runaway" in args.phases:
                r = asyncio.run(runaway_phase(base, cards, max(1, args.clients // 4)))
                print(f"runaway query: status {r['runaway_status']} after the {args.timeout:g} s deadline; "
                      f"/health polled {r['health_polls']}x, p50 {r['health_p50_ms']:.1f} ms, "
                      f"max {r['health_max_ms']:.1f} ms (with {max(1, args.clients // 4)} httpx card clients running)")
        finally:
            proc.terminate()
            proc.wait(30)


if __name__ == "__main__":
    main()
