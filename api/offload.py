"""Run store work off the event loop, a few calls at a time, in arrival order.

Cards, search, paths and documents are CPU-bound Python over pyoxigraph. On the default pool of
40 threads, 32 concurrent requests share the GIL evenly, so one long request (a hub's card) is
stretched by every other one in flight; a small first-come-first-served limiter lets each run at
full speed once started (measured at 1M triples, 32 clients: card p99 673 -> 141 ms). Two threads,
one per core; other small counts were not measured.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import anyio
import anyio.to_thread
from fastapi import Request

STORE_THREADS = 2
T = TypeVar("T")


async def in_thread(request: Request, fn: Callable[..., T], *args: object) -> T:
    """``fn(*args)`` on a worker thread, at most ``STORE_THREADS`` at once per server process."""
    state = request.app.state
    if getattr(state, "store_limiter", None) is None:  # made inside the event loop it serves
        state.store_limiter = anyio.CapacityLimiter(STORE_THREADS)
    return await anyio.to_thread.run_sync(fn, *args, limiter=state.store_limiter)
