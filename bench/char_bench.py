#!/usr/bin/env python3
"""The character n-gram benchmark model: 16 classes, 200,000 char_wb 2- to 5-gram features.

    /usr/bin/python3 bench/char_bench.py [--out-weights FILE] [--out-prompts50 FILE] [--seed S]

Fits TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), max_features=200000) + SGDClassifier(log_loss)
on a seeded corpus made as bench/sklearn_bench.py makes its own, over a lexicon of 90,000 made-up words
(70,000 give fewer than 200,000 distinct character n-grams), compiles it with kroute's trainer, writes the
weight file (76 MB, which also serves the loading benchmark) and 1,000 prompts of 50 words from the same
corpus.
Prints one JSON summary on standard output.
"""

import argparse
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import sklearn_bench  # noqa: E402  (re-runs under Debian's Python when scikit-learn is missing)

import numpy as np  # noqa: E402
from sklearn.feature_extraction.text import TfidfVectorizer  # noqa: E402
from sklearn.linear_model import SGDClassifier  # noqa: E402
from sklearn.pipeline import Pipeline  # noqa: E402

train = sklearn_bench.train
FEATURES = 200_000
LEXICON = 90_000


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="char_bench.py", description=__doc__.split("\n\n")[1])
    parser.add_argument("--out-weights", default=os.path.join(sklearn_bench.DEFAULT_DIR,
                                                              "weights-16x200000-charwb.json"))
    parser.add_argument("--out-prompts50", default=os.path.join(sklearn_bench.DEFAULT_DIR,
                                                                "prompts-charwb-50.jsonl"))
    parser.add_argument("--seed", type=int, default=0)
    arguments = parser.parse_args(argv)

    corpus = sklearn_bench.Corpus(arguments.seed, vocabulary=LEXICON)
    texts, labels = corpus.training_rows()
    sklearn_bench.write_jsonl(arguments.out_prompts50, corpus.prompts(1000, 50))
    pipeline = Pipeline([("features", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5),
                                                      max_features=FEATURES)),
                         ("model", SGDClassifier(loss="log_loss", random_state=arguments.seed))])
    started = time.perf_counter()
    pipeline.fit(texts, np.asarray(labels, dtype=object))
    fitted = time.perf_counter()
    features = len(pipeline.steps[0][1].vocabulary_)
    if features != FEATURES:
        raise SystemExit("expected %d features, found %d" % (FEATURES, features))
    document = train.export_pipeline(pipeline, golden_texts=texts[:16] + [""], model_name="bench-16x200000-charwb")
    size = train.write_weight_file(arguments.out_weights, document)
    print(json.dumps({"weights": arguments.out_weights, "bytes": size, "features": features,
                      "fitSeconds": round(fitted - started, 1),
                      "exportSeconds": round(time.perf_counter() - fitted, 1)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
