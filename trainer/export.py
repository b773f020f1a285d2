#!/usr/bin/env python3
"""Compile a scikit-learn Pipeline fitted elsewhere into a kroute weight file.

    python3 trainer/export.py --pipeline FILE.joblib --out FILE.json [--texts FILE.jsonl]
        [--golden N] [--model-name NAME] [--seed S]

FILE.joblib holds a fitted Pipeline([features, model]) saved with joblib.dump; what compiles is listed in
docs/training.md (and in trainer/pipeline_compiler.py). Anything else is refused, naming the step, the parameter
and its value. The weight file carries golden vectors: scikit-learn's predict_proba for texts that the Java
side replays before it accepts the file. They come from --texts (JSON lines with a "text" member, such as the
training data) or, without it, from texts made of the vocabulary's own terms. With --texts the file also gets the
anomaly filter's baselines, computed from those texts (in sample: the pipeline has seen them, so the baselines
of the unknown-token share and the class uncertainty come out tighter than unseen prompts will be; train.py,
which can hold rows out, computes them out of fold).

Only load a joblib file you trust: unpickling runs code. This is the one place a pickle is read; the weight
file written is plain JSON.
"""

import os
import sys

FALLBACK_PYTHON = "/usr/bin/python3"

try:
    import sklearn  # noqa: F401  (probe only)
except ImportError:
    # Debian's interpreter carries scikit-learn; the python3 first on PATH may not.
    if __name__ != "__main__" or os.environ.get("KROUTE_TRAINER_REEXECUTED") == "1" \
            or not os.path.exists(FALLBACK_PYTHON):
        sys.stderr.write("export.py: scikit-learn is not importable by %s; install it with: "
                         "apt-get install -y python3-sklearn\n" % sys.executable)
        sys.exit(2)
    os.environ["KROUTE_TRAINER_REEXECUTED"] = "1"
    os.execv(FALLBACK_PYTHON, [FALLBACK_PYTHON, os.path.abspath(__file__)] + sys.argv[1:])

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import train  # noqa: E402

import argparse  # noqa: E402
import json  # noqa: E402
import random  # noqa: E402
from typing import List, Optional, Sequence  # noqa: E402

import joblib  # noqa: E402

import anomaly_features  # noqa: E402
import pipeline_compiler  # noqa: E402


def read_texts(path: str) -> List[str]:
    texts = []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            row = json.loads(line)
            if not isinstance(row, dict) or not isinstance(row.get("text"), str):
                raise ValueError('%s:%d: expected a JSON object with a "text" string, found %r'
                                 % (path, number, line[:80]))
            texts.append(row["text"])
    if not texts:
        raise ValueError("%s: expected at least one text, found none" % path)
    return texts


def vocabulary_texts(features, count: int, seed: int) -> List[str]:
    """Texts made of the fitted vocabularies' terms (without training data, golden texts must come from somewhere)."""
    terms = []
    for branch in pipeline_compiler.branches_of(features):
        terms.extend(sorted(branch.vectorizer.vocabulary_))
    rng = random.Random(seed)
    texts = ["", "zzqxv kkwpt"]
    while len(texts) < count and terms:
        texts.append(" ".join(rng.choice(terms) for _ in range(rng.randint(3, 12))))
    return texts


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="export.py", description=__doc__.splitlines()[0])
    parser.add_argument("--pipeline", required=True, help="a fitted Pipeline saved with joblib.dump")
    parser.add_argument("--out", required=True, help="weight file to write")
    parser.add_argument("--texts", default=None,
                        help='JSON lines with a "text" member, such as the training data: golden texts are sampled '
                             "from them and the anomaly baselines computed from them (default: golden texts made of "
                             "the vocabulary, no anomaly baselines)")
    parser.add_argument("--golden", type=train._positive_int, default=32, help="golden vectors (default: 32)")
    parser.add_argument("--model-name", default="default", help="logical model name (default: default)")
    parser.add_argument("--seed", type=train._non_negative_int, default=0, help="seed of the golden sample")
    return parser


def main(argv: Optional[Sequence[str]] = None) -> int:
    arguments = build_parser().parse_args(argv)
    try:
        pipeline = joblib.load(arguments.pipeline)
        features, _ = pipeline_compiler.split_pipeline(pipeline)
        view = pipeline_compiler.AnomalyWordView(features, pipeline_compiler.branches_of(features))
        texts = read_texts(arguments.texts) if arguments.texts else None
        if texts:
            golden = train.choose_golden_texts(texts, view, arguments.golden, arguments.seed)
        else:
            golden = vocabulary_texts(features, arguments.golden, arguments.seed)
        document = train.export_pipeline(pipeline, golden_texts=golden, model_name=arguments.model_name)
        if texts:
            document["anomaly"] = anomaly_features.baselines_for_fitted(view, pipeline.steps[-1][1], texts)
        size = train.write_weight_file(arguments.out, document)
    except (OSError, ValueError) as error:
        sys.stderr.write("export.py: %s\n" % error)
        return 1
    vectorizers = document.get("vectorizers") or [document["vectorizer"]]
    print(json.dumps({"out": arguments.out, "bytes": size, "formatVersion": document["formatVersion"],
                      "model": document["model"]["kind"], "classes": len(document["model"]["classes"]),
                      "features": sum(len(v["vocabulary"]) for v in vectorizers),
                      "goldenVectors": len(document["golden"]["vectors"]),
                      "anomalyBaselines": "anomaly" in document}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
