"""A small pool of query worker processes with a hard deadline that really stops a query.

Neither pyoxigraph nor rdflib can cancel a running query from Python, so each query runs in a
worker process; when the deadline passes the worker is killed (SIGKILL) and a fresh one is
started in the background. The caller's thread only waits on a pipe, so the server keeps
answering ``/health`` and cheap queries (on the other workers) meanwhile.
"""

from __future__ import annotations

import multiprocessing
import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess

import anyio.to_thread

from regionkg import errors
from regionkg.graph.sparql.results import Serialised
from regionkg.graph.sparql.worker import QueryJob, UpdateJob, worker_main
from regionkg.graph.store_api import Store

_START_TIMEOUT_S = 600.0  # loading a large snapshot takes a while; a hung start is still bounded


@dataclass(eq=False)  # identity equality: a worker is hashable and unique
class _Worker:
    process: BaseProcess
    conn: Connection
    _alive: threading.Lock = field(default_factory=threading.Lock)  # taken by the first kill

    def kill(self) -> None:
        """Stop the process and close its pipe, once: the pool's shutdown and the thread starting
        a successor may both get here, and closing a pipe twice fails (EBADF)."""
        if not self._alive.acquire(blocking=False):
            return
        self.process.kill()
        self.process.join(5)
        self.conn.close()


class QueryPool:
    """``size`` worker processes, each with its own store opened by ``opener`` (picklable)."""

    def __init__(self, opener: Callable[[], Store], *, size: int, timeout_s: float) -> None:
        self._opener = opener
        self._size = max(1, size)
        self.timeout_s = timeout_s
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._ctx = multiprocessing.get_context("spawn")  # no fork of a threaded server
        self._lock = threading.Lock()
        self._workers: set[_Worker] = set()
        self._closed = False
        self.kills = 0

    def start(self) -> None:
        """Start every worker and wait until each has opened its store."""
        started = [self._spawn() for _ in range(self._size)]
        for worker in started:
            self._await_ready(worker)

    def _spawn(self) -> _Worker:
        parent, child = self._ctx.Pipe()
        process = self._ctx.Process(target=worker_main, args=(child, self._opener), daemon=True,
                                    name="regionkg-query-worker")
        process.start()
        child.close()
        worker = _Worker(process, parent)
        with self._lock:
            closed = self._closed
            if not closed:
                self._workers.add(worker)
        if closed:  # a successor started while the pool was closing
            worker.kill()
            raise errors.StoreError("the query pool is closed")
        return worker

    def _await_ready(self, worker: _Worker) -> None:
        try:
            ready = worker.conn.poll(_START_TIMEOUT_S)
        except OSError:  # the pool closed its pipe meanwhile: it is shutting down
            ready = False
        if not ready:
            self._discard(worker)
            raise errors.StoreError("a query worker did not start in time")
        try:
            status, detail = worker.conn.recv()
        except (EOFError, OSError):
            status, detail = "failed", "the worker process exited"
        if status != "ready":
            self._discard(worker)
            raise errors.StoreError(f"a query worker could not open the store: {detail}")
        self._idle.put(worker)

    def _discard(self, worker: _Worker) -> None:
        worker.kill()
        with self._lock:
            self._workers.discard(worker)

    def _replace(self, worker: _Worker) -> None:
        """Kill ``worker`` now and start its successor in the background."""
        self._discard(worker)
        self.kills += 1
        if not self._closed:
            threading.Thread(target=self._start_successor, daemon=True).start()

    def _start_successor(self) -> None:
        try:
            self._await_ready(self._spawn())
        except errors.StoreError:
            pass  # the pool shrinks; /health reports it

    def run(self, job: QueryJob | UpdateJob, timeout_s: float | None = None) -> Serialised:
        """Run ``job`` on an idle worker. Waiting for a worker and running are each bounded by
        the deadline, so a busy server answers 503 instead of queueing without end."""
        limit = self.timeout_s if timeout_s is None else timeout_s
        try:
            worker = self._idle.get(timeout=limit)
        except queue.Empty:
            raise errors.QueryTimeoutError(f"server busy: no query worker became free within {limit:g} s") from None
        deadline = time.monotonic() + limit
        try:
            worker.conn.send(job)
            if not worker.conn.poll(max(0.0, deadline - time.monotonic())):
                self._replace(worker)
                raise errors.QueryTimeoutError(f"query stopped after its {limit:g} s deadline")
            status, payload = worker.conn.recv()
        except (EOFError, OSError, BrokenPipeError):
            self._replace(worker)
            raise errors.StoreError("the query worker died while running the query") from None
        self._idle.put(worker)
        if status == "ok":
            return payload
        name, message = payload
        raise getattr(errors, name, errors.QueryError)(message)

    async def arun(self, job: QueryJob | UpdateJob) -> Serialised:
        """``run`` from async code: the event loop only waits, it never blocks on the worker."""
        return await anyio.to_thread.run_sync(self.run, job)

    def status(self) -> dict[str, int]:
        """Counts for /health: workers alive, idle now, and killed so far."""
        with self._lock:
            alive = sum(1 for w in self._workers if w.process.is_alive())
        return {"workers": alive, "idle": self._idle.qsize(), "size": self._size, "killed": self.kills}

    def close(self) -> None:
        with self._lock:
            self._closed = True
            workers = list(self._workers)
            self._workers.clear()
        for worker in workers:
            worker.kill()
