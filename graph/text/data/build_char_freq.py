"""Rebuild ``char_freq.tsv`` and ``zh_words.txt`` from jieba's bundled dictionary
(``jieba/dict.txt``, MIT licence).

``zh_words.txt`` keeps the dictionary's words of 2-4 characters seen at least 10 times, as
``word count`` lines: enough to score repairs, small enough to load in a few tens of ms.

A character's count is the sum of the counts of the dictionary words that contain it, so the
table reflects modern simplified Chinese usage. Every character OpenCC ``t2s`` maps to another
(traditional forms and variants) is listed with the count of its simplified form, so traditional
text can be looked up without converting it first. Run: ``python graph/text/data/build_char_freq.py``.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import jieba
from opencc_pyo3 import OpenCC


MIN_WORD_COUNT = 10


def main() -> None:
    source = Path(jieba.__file__).with_name("dict.txt")
    counts: Counter[str] = Counter()
    words: list[str] = []
    with source.open(encoding="utf-8") as lines:
        for line in lines:
            word, count, _ = line.split(" ", 2)
            if 1 < len(word) <= 4 and int(count) >= MIN_WORD_COUNT:
                words.append(f"{word} {count}\n")
            for char in word:
                if "\u3400" <= char <= "\u9fff":
                    counts[char] += int(count)
    t2s = OpenCC("t2s")
    simplified = dict(counts)
    for code in range(0x3400, 0xA000):
        char = chr(code)
        target = t2s.convert(char)
        if target != char and target in simplified:
            counts[char] = max(counts.get(char, 0), simplified[target])
    Path(__file__).with_name("zh_words.txt").write_text("".join(words), encoding="utf-8")
    out = Path(__file__).with_name("char_freq.tsv")
    with out.open("w", encoding="utf-8") as f:
        f.write("# char\tcount: sum of jieba dict.txt word counts containing the char")
        f.write(" (variants: the count of their simplified form)\n")
        for char, count in counts.most_common():
            f.write(f"{char}\t{count}\n")


if __name__ == "__main__":
    main()
