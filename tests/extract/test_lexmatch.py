"""The dictionary scan finds every leftmost-longest, non-overlapping dictionary surface, checked
against a naive reference scan on generated texts and on the test articles."""

from __future__ import annotations

import random
from functools import lru_cache
from pathlib import Path

from regionkg.graph.extract import gazetteer, lexicon, lexmatch
from regionkg.graph.extract.mention import working_text
from regionkg.graph.text import normalize

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = sorted(p for p in (ROOT / "tests" / "data").glob("gold*/[0-9]*_*") if p.suffix != ".json")
ARTICLES += sorted((ROOT.parent / "shared" / "seeds").glob("0*_*.txt"))

Match = tuple[int, int, str]


@lru_cache(maxsize=None)
def _words() -> frozenset[str]:
    """The dictionary as the module docstring defines it: places, central agencies, industries."""
    return frozenset(gazetteer.places()) | frozenset(lexicon.central_agencies()) | frozenset(lexicon.industries())


def _reference(text: str) -> list[Match]:
    """Obviously correct leftmost-longest scan: at each position take the longest dictionary
    word starting there and jump past it, else move on one character."""
    words = _words()
    longest = max(map(len, words))
    out, i = [], 0
    while i < len(text):
        for n in range(min(longest, len(text) - i), 0, -1):
            if text[i:i + n] in words:
                out.append((i, i + n, text[i:i + n]))
                i += n
                break
        else:
            i += 1
    return out


@lru_cache(maxsize=None)
def _inner_prefixes() -> list[str]:
    """Proper prefixes of dictionary words that are no word themselves but hold one (五大连 of
    五大连池 holds 大连): where a scan that has set out for the longer word must fall back."""
    words = _words()
    return sorted({w[:n] for w in words for n in range(2, len(w)) if w[:n] not in words
                   and any(w[i:j] in words for i in range(n) for j in range(i + 2, n + 1))})


def _random_char(rng: random.Random) -> str:
    if rng.random() < 0.2:
        return chr(rng.randint(0x20000, 0x2A6DF))  # CJK extension B, outside the BMP
    return chr(rng.randint(0x4E00, 0x9FA5))


def _generated(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    words, inner = sorted(_words()), _inner_prefixes()
    texts = []
    for _ in range(n):
        parts = []
        for _ in range(rng.randint(1, 5)):
            r = rng.random()
            parts.append(rng.choice(words) if r < 0.3 else rng.choice(inner) if r < 0.7
                         else _random_char(rng))
        texts.append("".join(parts))
    return texts


def test_falls_back_from_a_longer_candidate_at_the_end_of_the_text() -> None:
    # 五大连 sets out for 五大连池; the text ends, and 大连 is what is there
    assert lexmatch.matches("吉五大连") == [(2, 4, "大连")] == _reference("吉五大连")
    assert lexmatch.matches("大连市五大连") == [(0, 3, "大连市"), (4, 6, "大连")]


def test_offsets_count_characters_outside_the_bmp() -> None:
    text = "𠀀😀大连市与\U0002A6DF贵阳市"
    found = lexmatch.matches(text)
    assert found == [(2, 5, "大连市"), (7, 10, "贵阳市")]
    assert all(text[s:e] == w for s, e, w in found)


def test_generated_texts_match_the_reference_scan() -> None:
    wrong = [t for t in _generated(3000, seed=11) if lexmatch.matches(t) != _reference(t)]
    shortest = min(wrong, key=len, default=None)
    assert not wrong, (len(wrong), shortest, shortest and lexmatch.matches(shortest),
                       shortest and _reference(shortest))


def test_articles_match_the_reference_scan() -> None:
    total = 0
    for path in ARTICLES:
        text = working_text(normalize(path.read_bytes(), str(path)).text)
        found = lexmatch.matches(text)
        assert found == _reference(text), path.name
        total += len(found)
    assert total > 100  # the articles name many places, agencies and industries

