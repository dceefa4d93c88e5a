"""Drafts for the verify benchmark: articles of about 1,200 words, dense with claims.

Each article mixes the corpus's true and distractor passages (tests/verify/tuning.yaml)
with prose that names records but states no number, in a different order per article, so
that nothing in it is contradicted (verify exits 0) and every sentence is read.

Usage: python bench/articles.py COUNT DIR   (writes DIR/article-001.md …)
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).parent
CORPUS = HERE.parent / "tests" / "verify" / "tuning.yaml"
WORDS = 1200
PROSE = [
    "Arms control between Washington and Moscow has always moved with the wider relationship.",
    "Negotiators on both sides spent years on counting rules, inspections and definitions.",
    "Critics of New START argued that it left tactical weapons untouched.",
    "Supporters of the INF Treaty pointed to the destruction of a whole class of missiles.",
    "The collapse of the Soviet Union left nuclear weapons in several new states.",
    "Reagan and Gorbachev built a working relationship that surprised their own advisers.",
    "Sanctions have shaped trade between the two countries since the annexation of Crimea.",
    "Each summit produced communiqués that historians still read closely.",
    "The Senate debate on ratification turned on verification and missile defence.",
    "Putin has described the end of the Soviet Union as a catastrophe.",
    "Analysts disagree about what the end of the treaty means for strategic stability.",
    "The hotline between the two capitals was meant for moments when minutes mattered.",
]


def article(number: int, passages: list[str]) -> str:
    rng = random.Random(number)
    pool = passages[:]
    rng.shuffle(pool)
    paragraphs: list[str] = []
    words = 0
    while words < WORDS:
        sentences = [pool.pop() if pool else rng.choice(passages) for _ in range(3)]
        sentences += rng.sample(PROSE, 3)
        rng.shuffle(sentences)
        paragraph = " ".join(s.strip() for s in sentences)
        paragraphs.append(paragraph)
        words += len(paragraph.split())
    return f"# Draft {number}\n\n" + "\n\n".join(paragraphs) + "\n"


def passages() -> list[str]:
    loaded = yaml.safe_load(CORPUS.read_text(encoding="utf-8"))["passages"]
    return [
        p["text"] for p in loaded if p["expect"] != "contradicted" and "\n" not in p["text"].strip()
    ]


def write(count: int, folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    texts = passages()
    paths = []
    for number in range(1, count + 1):
        path = folder / f"article-{number:03d}.md"
        path.write_text(article(number, texts), encoding="utf-8")
        paths.append(path)
    return paths


if __name__ == "__main__":
    write(int(sys.argv[1]), Path(sys.argv[2]))
