"""Where store work runs: off the event loop, a few calls at a time, in arrival order; or, for
short index lookups on the embedded store, on the event loop itself.

Search, paths and documents are CPU-bound Python over pyoxigraph. On the default pool of 40
threads, 32 concurrent requests share the GIL evenly, so one long request is stretched by every
other one in flight; a small first-come-first-served limiter lets each run at full speed once
started (measured at 1M triples, 32 clients: card p99 673 -> 141 ms). Two threads, one per core;
other small counts were not measured.

Entity cards are a few batches of ``Store.match`` index lookups: on the embedded store they hold
the GIL in µs-long steps, so a worker thread only adds GIL hand-offs with the event loop (at 1M
triples, 32 clients: 600 cards/s in threads, 1,370 on the loop); they run on the loop there, and
in a thread on a remote store, where they wait on the network.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import anyio
import anyio.to_thread
from fastapi import Request

from regionkg.graph.store import OxigraphStore

STORE_THREADS = 2
T = TypeVar("T")


async def in_thread(request: Request, fn: Callable[..., T], *args: object) -> T:
    """``fn(*args)`` on a worker thread, at most ``STORE_THREADS`` at once per server process."""
    state = request.app.state
    if getattr(state, "store_limiter", None) is None:  # made inside the event loop it serves
        state.store_limiter = anyio.CapacityLimiter(STORE_THREADS)
    return await anyio.to_thread.run_sync(fn, *args, limiter=state.store_limiter)


async def lookups(request: Request, fn: Callable[..., T], *args: object) -> T:
    """``fn(*args)``, made of bounded index lookups: on the event loop for the embedded store,
    on a worker thread for a remote one."""
    if isinstance(request.app.state.store, OxigraphStore):
        return fn(*args)
    return await in_thread(request, fn, *args)
