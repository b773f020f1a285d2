"""Shared fixtures for the trainer tests: paths, a small labelled data set, and a reference scorer."""

import json
import math
import random
import re
import sys
from collections import Counter
from pathlib import Path

TRAINER_DIR = Path(__file__).resolve().parents[1]
REPO_DIR = TRAINER_DIR.parent
TRAIN_SCRIPT = TRAINER_DIR / "train.py"
GENERATOR_SCRIPT = TRAINER_DIR / "generate_prompts.py"
if str(TRAINER_DIR) not in sys.path:
    sys.path.insert(0, str(TRAINER_DIR))

_TOPICS = {
    "cooking": ["simmer the sauce", "knead the dough", "roast the peppers", "whisk two eggs",
                "crème brûlée au caramel", "паэлья с морепродуктами"],
    "sport": ["the striker scored twice", "a marathon in the rain", "the referee blew the whistle",
              "le maillot jaune du Tour", "футбольный матч в субботу"],
    "finance": ["the bond yield rose", "quarterly earnings beat forecasts", "a dividend of two cents",
                "la bourse de Paris a chuté", "процентная ставка центрального банка"],
}
_FILLERS = ["today", "again", "as usual", "said the report", "according to sources", "this week"]


def small_rows(seed: int = 7, per_class: int = 30):
    """A seeded three-class data set with accents and Cyrillic, small enough to train in milliseconds."""
    rng = random.Random(seed)
    rows = []
    for _ in range(per_class):
        for label, phrases in _TOPICS.items():
            words = rng.sample(phrases, 2) + [rng.choice(_FILLERS)]
            rng.shuffle(words)
            rows.append({"text": " ".join(words).capitalize() + rng.choice([".", "!", "?", ""]), "label": label})
    return rows


def write_jsonl(path: Path, rows) -> None:
    with open(path, "w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")


def reference_probabilities(document, text):
    """Scores a text from the weight-file document alone, as docs/weights-format.md describes it."""
    vectorizer = document["vectorizer"]
    model = document["model"]
    if vectorizer["lowercase"]:
        text = text.lower()
    tokens = re.findall(vectorizer["tokenPattern"], text)
    if vectorizer["stopWords"] is not None:
        stop = set(vectorizer["stopWords"])
        tokens = [token for token in tokens if token not in stop]
    low, high = vectorizer["ngramRange"]
    grams = []
    for n in range(low, high + 1):
        grams.extend(" ".join(tokens[i:i + n]) for i in range(len(tokens) - n + 1))
    index = {term: position for position, term in enumerate(vectorizer["vocabulary"])}
    counts = Counter(index[gram] for gram in grams if gram in index)
    features = {}
    for feature in sorted(counts):
        value = 1.0 if vectorizer["binary"] else float(counts[feature])
        if vectorizer["kind"] == "tfidf":
            if vectorizer["sublinearTf"]:
                value = 1.0 + math.log(value)
            value *= vectorizer["idf"][feature]
        features[feature] = value
    if vectorizer["kind"] == "tfidf" and vectorizer["norm"] is not None and features:
        if vectorizer["norm"] == "l2":
            scale = math.sqrt(sum(v * v for v in features.values()))
        else:
            scale = sum(abs(v) for v in features.values())
        features = {f: v / scale for f, v in features.items()}
    scores = []
    for row, offset in zip(model["featureLogProb"], model["jointLogLikelihoodOffset"]):
        scores.append(sum(features[f] * row[f] for f in sorted(features)) + offset)
    top = max(scores)
    total = math.log(sum(math.exp(s - top) for s in scores)) + top
    return [math.exp(s - total) for s in scores]
