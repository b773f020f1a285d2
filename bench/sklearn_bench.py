#!/usr/bin/env python3
"""scikit-learn's per-prompt cost on kroute's benchmark model, and the files the JMH benchmark loads.

    /usr/bin/python3 bench/sklearn_bench.py [--out-weights FILE] [--out-prompts50 FILE] [--out-prompts500 FILE]
        [--seed S] [--prompts N] [--warmup N]

Builds a seeded 16-class data set over a vocabulary of 50,000 made-up words (per-class Zipfian word
frequencies mixed with a shared Zipfian background), trains CountVectorizer(max_features=50000) +
MultinomialNB with kroute's trainer, writes the weight file and two prompt files (50-word and 500-word
prompts, JSONL), then times `vectorizer.transform([text])` + `model.predict_proba(...)` one prompt at a time,
as a router calling scikit-learn per event would. Prints one JSON summary on standard output.
"""

import argparse
import json
import os
import platform
import statistics
import sys
import time

try:
    import sklearn  # noqa: F401  (probe only)
except ImportError:
    # Debian's interpreter carries scikit-learn; the python3 first on PATH may not.
    if os.environ.get("KROUTE_TRAINER_REEXECUTED") == "1":
        sys.exit("sklearn_bench.py: scikit-learn is not importable by %s nor by /usr/bin/python3; "
                 "install it with: apt-get install -y python3-sklearn" % sys.executable)
    sys.stderr.write("sklearn_bench.py: scikit-learn is not importable by %s; re-running under /usr/bin/python3\n"
                     % sys.executable)
    sys.stderr.flush()
    os.environ["KROUTE_TRAINER_REEXECUTED"] = "1"
    os.execv("/usr/bin/python3", ["/usr/bin/python3", os.path.abspath(__file__)] + sys.argv[1:])

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, "trainer"))
import train  # noqa: E402  (kroute's trainer)

import numpy as np  # noqa: E402
import sklearn  # noqa: E402

CLASSES = 16
VOCABULARY = 50_000
ZIPF_EXPONENT = 1.07
CLASS_WORD_SHARE = 0.5  # the rest of each text comes from the shared background distribution
TRAIN_DOCS_PER_CLASS = 600
TRAIN_DOC_WORDS = (40, 200)
DEFAULT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "target", "sklearn-bench")


def made_up_words(rng: np.random.Generator, count: int):
    """`count` distinct lower-case pseudo-words of 2 to 4 syllables, each one token for the default pattern."""
    onsets = list("bcdfghjklmnprstvz") + ["br", "ch", "dr", "gl", "kr", "pl", "sh", "st", "th", "tr"]
    vowels = ["a", "e", "i", "o", "u", "ai", "ou", "ea"]
    codas = ["", "", "", "n", "r", "s", "l", "m", "k", "x"]
    words = set()
    while len(words) < count:
        syllables = rng.integers(2, 5)
        words.add("".join(onsets[rng.integers(len(onsets))] + vowels[rng.integers(len(vowels))]
                          + codas[rng.integers(len(codas))] for _ in range(syllables)))
    return sorted(words)


class Corpus:
    """Texts drawn from a shared Zipfian background mixed with one Zipfian distribution per class."""

    def __init__(self, seed: int, classes: int = CLASSES, vocabulary: int = VOCABULARY,
                 docs_per_class: int = TRAIN_DOCS_PER_CLASS):
        self.rng = np.random.default_rng(seed)
        self.vocabulary = vocabulary
        self.docs_per_class = docs_per_class
        self.words = np.array(made_up_words(self.rng, vocabulary), dtype=object)
        ranks = np.arange(1, vocabulary + 1, dtype=np.float64)
        zipf = ranks ** -ZIPF_EXPONENT
        self.zipf = zipf / zipf.sum()
        self.background = self.rng.permutation(vocabulary)
        self.class_orders = [self.rng.permutation(vocabulary) for _ in range(classes)]
        self.labels = ["class_%02d" % c for c in range(classes)]

    def text(self, label_index: int, words: int) -> str:
        ranks = self.rng.choice(self.vocabulary, size=words, p=self.zipf)
        from_class = self.rng.random(words) < CLASS_WORD_SHARE
        indices = np.where(from_class, self.class_orders[label_index][ranks], self.background[ranks])
        return " ".join(self.words[indices])

    def training_rows(self):
        texts, labels = [], []
        for label_index in range(len(self.labels)):
            for _ in range(self.docs_per_class):
                texts.append(self.text(label_index, int(self.rng.integers(*TRAIN_DOC_WORDS))))
                labels.append(self.labels[label_index])
        # Every word appears at least once, so the vocabulary has exactly as many terms as the lexicon.
        shuffled = self.rng.permutation(self.vocabulary)
        for start in range(0, self.vocabulary, 250):
            texts.append(" ".join(self.words[shuffled[start:start + 250]]))
            labels.append(self.labels[int(self.rng.integers(len(self.labels)))])
        return texts, labels

    def prompts(self, count: int, words: int):
        rows = []
        for _ in range(count):
            label_index = int(self.rng.integers(len(self.labels)))
            rows.append({"text": self.text(label_index, words), "label": self.labels[label_index]})
        return rows


def write_jsonl(path: str, rows) -> None:
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")


def per_prompt_micros(vectorizer, model, texts, warmup: int):
    """Median, p90 and mean of transform([text]) + predict_proba, one prompt at a time, in microseconds."""
    for text in texts[:warmup]:
        model.predict_proba(vectorizer.transform([text]))
    timings = []
    clock = time.perf_counter_ns
    for text in texts:
        start = clock()
        model.predict_proba(vectorizer.transform([text]))
        timings.append((clock() - start) / 1000.0)
    timings.sort()
    return {"medianMicros": round(statistics.median(timings), 1),
            "p90Micros": round(timings[int(0.9 * (len(timings) - 1))], 1),
            "meanMicros": round(statistics.fmean(timings), 1), "prompts": len(timings)}


def batch_micros(vectorizer, model, texts):
    """Per-prompt cost when all prompts go through in one call, for comparison only."""
    start = time.perf_counter_ns()
    model.predict_proba(vectorizer.transform(texts))
    return round((time.perf_counter_ns() - start) / 1000.0 / len(texts), 2)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="sklearn_bench.py", description=__doc__.split("\n\n")[1])
    parser.add_argument("--out-weights", default=os.path.join(DEFAULT_DIR, "weights-16x50000.json"))
    parser.add_argument("--out-prompts50", default=os.path.join(DEFAULT_DIR, "prompts-50.jsonl"))
    parser.add_argument("--out-prompts500", default=os.path.join(DEFAULT_DIR, "prompts-500.jsonl"))
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--prompts", type=int, default=1000, help="prompts per file (default: 1000)")
    parser.add_argument("--warmup", type=int, default=200, help="untimed prompts first (default: 200)")
    arguments = parser.parse_args(argv)

    corpus = Corpus(arguments.seed)
    texts, labels = corpus.training_rows()
    prompts50 = corpus.prompts(arguments.prompts, 50)
    prompts500 = corpus.prompts(arguments.prompts, 500)
    write_jsonl(arguments.out_prompts50, prompts50)
    write_jsonl(arguments.out_prompts500, prompts500)

    options = train.TrainingOptions(max_features=VOCABULARY, model_name="bench-16x50000", seed=arguments.seed)
    started = time.perf_counter()
    trained = train.train(texts, labels, options)
    train_seconds = time.perf_counter() - started
    if len(trained.vectorizer.vocabulary_) != VOCABULARY:
        raise SystemExit("expected a vocabulary of %d terms, found %d"
                         % (VOCABULARY, len(trained.vectorizer.vocabulary_)))

    # The cost of producing the file from an already fitted model: document, JSON bytes, disk.
    golden = [row["text"] for row in trained.document["golden"]["vectors"]]
    started = time.perf_counter()
    document = train.export_weights(trained.vectorizer, trained.model, golden_texts=golden,
                                    model_name=options.model_name, training=trained.document["training"],
                                    quality=trained.document["quality"])
    exported = time.perf_counter()
    # The anomaly baselines need the training prompts, so they come from training, not from the export.
    document["anomaly"] = trained.document["anomaly"]
    data = train.encode_weight_file(document)
    encoded = time.perf_counter()
    train.write_weight_file(arguments.out_weights, document)
    written = time.perf_counter()

    summary = {
        "sklearnVersion": sklearn.__version__, "pythonVersion": platform.python_version(),
        "classes": CLASSES, "features": len(trained.vectorizer.vocabulary_), "trainingRows": len(texts),
        "heldOutAccuracy": trained.document["quality"]["accuracy"],
        "files": {"weights": arguments.out_weights, "prompts50": arguments.out_prompts50,
                  "prompts500": arguments.out_prompts500},
        "weightFileBytes": len(data),
        "trainSeconds": round(train_seconds, 2),
        "writeWeightFile": {"exportSeconds": round(exported - started, 3),
                            "encodeSeconds": round(encoded - exported, 3),
                            "encodeAndWriteSeconds": round(written - encoded, 3)},
        "perPrompt": {
            "words50": per_prompt_micros(trained.vectorizer, trained.model, [r["text"] for r in prompts50],
                                         arguments.warmup),
            "words500": per_prompt_micros(trained.vectorizer, trained.model, [r["text"] for r in prompts500],
                                          arguments.warmup),
        },
        "batchPerPromptMicros": {
            "words50": batch_micros(trained.vectorizer, trained.model, [r["text"] for r in prompts50]),
            "words500": batch_micros(trained.vectorizer, trained.model, [r["text"] for r in prompts500]),
        },
    }
    print(json.dumps(summary, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
