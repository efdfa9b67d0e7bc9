"""The query worker pool: a killed worker's successor may still be starting when the pool closes."""

from __future__ import annotations

import threading

import pytest

from regionkg.errors import QueryTimeoutError
from regionkg.graph.sparql import QueryJob, QueryPool, StoreOpener
from regionkg.graph.store import open_store
from regionkg.settings import Settings

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def test_pool_closes_cleanly_while_a_killed_worker_is_replaced(settings: Settings, monkeypatch) -> None:
    failures: list[BaseException] = []
    monkeypatch.setattr(threading, "excepthook", lambda args: failures.append(args.exc_value))
    open_store(settings).close()  # a store holding the ontology: enough triples for a runaway join
    pool = QueryPool(StoreOpener(settings), size=1, timeout_s=0.5)
    pool.start()
    with pytest.raises(QueryTimeoutError):
        pool.run(QueryJob(RUNAWAY))
    assert pool.kills == 1
    pool.close()  # the successor is still starting in its own thread
    for thread in threading.enumerate():
        if thread is not threading.current_thread() and thread.daemon:
            thread.join(10)
    assert failures == [] and pool.status()["workers"] == 0
