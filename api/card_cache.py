"""Entity cards that are costly to build, kept while the served snapshot lives.

``regionkg serve`` answers from a read-only snapshot of the store, so a card cannot go stale
while it is served; over a writable or remote store nothing is kept. Most cards take well under
a millisecond to build and are not kept. A hub's card (hundreds of relations, observations and
evidence spans, bounded by ``cards.CARD_LIMIT``) takes 10-30 ms at 1M triples, and hubs are the
entities most often opened: only cards that took longer than ``COSTLY_S`` are kept, at most
``MAX_CARDS``, the least recently used leaving first. They are kept as the JSON bytes sent: a
card is thousands of small objects, which the garbage collector would visit on every full pass.
"""

from __future__ import annotations

import time
from collections import OrderedDict

from fastapi import Request
from fastapi.responses import JSONResponse

from regionkg.api import cards
from regionkg.api.offload import lookups
from regionkg.graph.store import OxigraphStore
from regionkg.graph.store_api import Store

COSTLY_S = 0.005
MAX_CARDS = 1024


class CardCache:
    """An LRU map of entity id → card as JSON bytes."""

    def __init__(self, size: int = MAX_CARDS) -> None:
        self._cards: OrderedDict[str, bytes] = OrderedDict()
        self._size = size

    def get(self, entity_id: str) -> bytes | None:
        found = self._cards.get(entity_id)
        if found is not None:
            self._cards.move_to_end(entity_id)
        return found

    def put(self, entity_id: str, card: bytes) -> None:
        self._cards[entity_id] = card
        self._cards.move_to_end(entity_id)
        if len(self._cards) > self._size:
            self._cards.popitem(last=False)

    def __len__(self) -> int:
        return len(self._cards)


def for_store(store: Store) -> CardCache | None:
    """A cache when ``store`` is a read-only snapshot, else None."""
    return CardCache() if isinstance(store, OxigraphStore) and not store.writable else None


async def card_json(request: Request, entity_id: str) -> bytes:
    """The card of ``entity_id`` as JSON, from the cache when a costly one was built before."""
    cache: CardCache | None = request.app.state.card_cache
    if cache is not None and (kept := cache.get(entity_id)) is not None:
        return kept
    started = time.perf_counter()
    built = JSONResponse(await lookups(request, cards.card, request.app.state.store, entity_id)).body
    if cache is not None and time.perf_counter() - started > COSTLY_S:
        cache.put(entity_id, built)
    return built
