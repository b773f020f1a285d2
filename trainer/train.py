#!/usr/bin/env python3
"""Compile a scikit-learn text classifier into a kroute weight file.

Command line:
    python3 trainer/train.py --data FILE.jsonl --out FILE.json [--vectorizer count|tfidf]
        [--analyzer word|char|char_wb] [--ngram-min N] [--ngram-max N] [--sublinear-tf] [--min-df K]
        [--max-df F] [--max-features N] [--head-words N] [--tail-words N]
        [--ends-char-ngrams MIN MAX] [--model mnb|cnb|logreg|linearsvc|sgd] [--alpha A]
        [--sgd-loss log_loss|modified_huber] [--ensemble true|false] [--model-name NAME] [--golden N] [--seed S]

As a module:
    train(texts, labels, TrainingOptions(...)) -> TrainedModel   fits and builds the document
    export_weights(features, model, ...)        -> dict           documents an already fitted pair
    export_pipeline(pipeline, ...)              -> dict           documents a fitted Pipeline([features, model])
    encode_weight_file(document)                -> bytes          compact UTF-8 JSON, checksum last

The format is described in docs/weights-format.md; this module is its reference writer.
"""

import os
import sys

# Debian's interpreter carries scikit-learn; the python3 first on PATH may not.
FALLBACK_PYTHON = "/usr/bin/python3"
_REEXEC_MARKER = "KROUTE_TRAINER_REEXECUTED"

try:
    import sklearn  # noqa: F401  (probe only)
except ImportError:
    if __name__ != "__main__":
        raise ImportError(
            "kroute's trainer needs scikit-learn, which this interpreter (%s) cannot import; "
            "use %s (Debian package python3-sklearn)" % (sys.executable, FALLBACK_PYTHON))
    if os.environ.get(_REEXEC_MARKER) == "1" or not os.path.exists(FALLBACK_PYTHON):
        sys.stderr.write(
            "train.py: scikit-learn is not importable by %s, nor by %s; "
            "install it with: apt-get install -y python3-sklearn\n" % (sys.executable, FALLBACK_PYTHON))
        sys.exit(2)
    sys.stderr.write("train.py: scikit-learn is not importable by %s; re-running under %s\n"
                     % (sys.executable, FALLBACK_PYTHON))
    sys.stderr.flush()
    os.environ[_REEXEC_MARKER] = "1"
    os.execv(FALLBACK_PYTHON, [FALLBACK_PYTHON, os.path.abspath(__file__)] + sys.argv[1:])

import argparse
import dataclasses
import datetime
import hashlib
import json
import math
import platform
import random
import re
import secrets
from typing import Any, Dict, List, Optional, Sequence, Tuple

import numpy as np
import sklearn
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from sklearn.metrics import accuracy_score, f1_score
from sklearn.calibration import CalibratedClassifierCV
from sklearn.linear_model import LogisticRegression, SGDClassifier
from sklearn.naive_bayes import ComplementNB, MultinomialNB
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.svm import LinearSVC

if os.path.dirname(os.path.abspath(__file__)) not in sys.path:
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import anomaly_features  # noqa: E402  (the trainer's own modules, next to this file)
import pipeline_compiler  # noqa: E402
from head_words import HeadWords, TailWords  # noqa: E402
from pipeline_compiler import UnsupportedModelError  # noqa: E402

FORMAT_NAME = "kroute-weights"
# The newest version written; a pipeline that version 1 can express is written as version 1.
FORMAT_VERSION = 2
DEFAULT_TOKEN_PATTERN = r"(?u)\b\w\w+\b"
GOLDEN_TOLERANCE = 1e-9
HELD_OUT_FRACTION = 0.2
CHECKSUM_PREFIX = "sha256:"
CHECKSUM_PLACEHOLDER = CHECKSUM_PREFIX + "0" * 64

# The reader's limits (docs/weights-format.md); a file beyond them would be refused at load.
MAX_FILE_BYTES = 256 * 1024 * 1024
MAX_VOCABULARY = 2_000_000
MAX_TERM_CHARS = 1024
MAX_CLASSES = 1024
MAX_GOLDEN_VECTORS = 10_000

# The order of the top-level members; `anomaly` and `bandit` are optional sections added by other tools.
TOP_LEVEL_ORDER = ("format", "formatVersion", "modelName", "modelVersion", "createdAt", "training",
                   "vectorizer", "vectorizers", "model", "quality", "golden", "pipeline", "anomaly", "bandit")

_CHECKSUM_TAIL = re.compile(rb'"checksum"\s*:\s*"sha256:([0-9a-f]{64})"\s*}\Z')


class TrainingDataError(ValueError):
    """A training data file or row is not usable."""


MODELS = ("mnb", "cnb", "logreg", "linearsvc", "sgd")
SGD_LOSSES = ("log_loss", "modified_huber")


@dataclasses.dataclass(frozen=True)
class TrainingOptions:
    vectorizer: str = "count"
    ngram_max: int = 1
    model: str = "mnb"
    alpha: float = 1.0
    min_df: int = 1
    max_features: Optional[int] = None
    model_name: str = "default"
    golden: int = 32
    seed: int = 0
    held_out_fraction: float = HELD_OUT_FRACTION
    analyzer: str = "word"
    ngram_min: int = 1
    sublinear_tf: bool = False
    max_df: float = 1.0
    head_words: Optional[int] = None
    tail_words: Optional[int] = None
    ends_char_ngrams: Optional[Tuple[int, int]] = None
    sgd_loss: str = "log_loss"
    ensemble: bool = True

    def validate(self) -> None:
        if self.vectorizer not in ("count", "tfidf"):
            raise ValueError("vectorizer: expected 'count' or 'tfidf', found %r" % (self.vectorizer,))
        if self.model not in MODELS:
            raise ValueError("model: expected one of %s, found %r" % (", ".join(MODELS), self.model))
        if self.analyzer not in pipeline_compiler.ANALYZERS:
            raise ValueError("analyzer: expected 'word', 'char' or 'char_wb', found %r" % (self.analyzer,))
        if self.sgd_loss not in SGD_LOSSES:
            raise ValueError("sgd-loss: expected 'log_loss' or 'modified_huber', found %r" % (self.sgd_loss,))
        _require_int("ngram-min", self.ngram_min, 1)
        _require_int("ngram-max", self.ngram_max, 1)
        if self.ngram_min > self.ngram_max:
            raise ValueError("ngram-min: expected at most ngram-max (%d), found %d" % (self.ngram_max, self.ngram_min))
        longest = pipeline_compiler.MAX_WORD_NGRAM if self.analyzer == "word" else pipeline_compiler.MAX_CHAR_NGRAM
        if self.ngram_max > longest:
            raise ValueError("ngram-max: expected at most %d for the %s analyzer, found %d"
                             % (longest, self.analyzer, self.ngram_max))
        _require_int("min-df", self.min_df, 1)
        if isinstance(self.max_df, bool) or not isinstance(self.max_df, (int, float)) \
                or not (0.0 < self.max_df <= 1.0):
            raise ValueError("max-df: expected a fraction of rows in (0, 1], found %r" % (self.max_df,))
        if self.max_features is not None:
            _require_int("max-features", self.max_features, 1)
        if self.head_words is not None:
            _require_int("head-words", self.head_words, 1)
        if self.tail_words is not None:
            _require_int("tail-words", self.tail_words, 1)
        if self.ends_char_ngrams is not None:
            low, high = self.ends_char_ngrams
            _require_int("ends-char-ngrams MIN", low, 1)
            if not isinstance(high, int) or not low <= high <= pipeline_compiler.MAX_CHAR_NGRAM:
                raise ValueError("ends-char-ngrams MAX: expected an integer from MIN (%d) to %d, found %r"
                                 % (low, pipeline_compiler.MAX_CHAR_NGRAM, high))
            if self.head_words is None and self.tail_words is None:
                raise ValueError("ends-char-ngrams: expected --head-words or --tail-words with it, found neither")
        if self.sublinear_tf and self.vectorizer != "tfidf":
            raise ValueError("sublinear-tf: expected --vectorizer tfidf with it, found %r" % (self.vectorizer,))
        _require_int("golden", self.golden, 3)
        if self.golden > MAX_GOLDEN_VECTORS:
            raise ValueError("golden: expected at most %d vectors, found %d" % (MAX_GOLDEN_VECTORS, self.golden))
        _require_int("seed", self.seed, 0)
        if isinstance(self.alpha, bool) or not isinstance(self.alpha, (int, float)) \
                or not math.isfinite(self.alpha) or self.alpha < 0:
            raise ValueError("alpha: expected a finite number >= 0, found %r" % (self.alpha,))
        if not (0.0 < self.held_out_fraction < 1.0):
            raise ValueError("held-out fraction: expected a number strictly between 0 and 1, found %r"
                             % (self.held_out_fraction,))
        if not isinstance(self.model_name, str) or not self.model_name.strip():
            raise ValueError("model-name: expected a non-empty name, found %r" % (self.model_name,))

    def _vectorizer(self, analyzer, ngram_range, **limits):
        if self.vectorizer == "tfidf":
            return TfidfVectorizer(analyzer=analyzer, ngram_range=ngram_range, sublinear_tf=self.sublinear_tf,
                                   **limits)
        return CountVectorizer(analyzer=analyzer, ngram_range=ngram_range, **limits)

    def make_vectorizer(self):
        """The features step: the vectorizer, joined by a FeatureUnion with ones over the head and tail words if
        asked."""
        main = self._vectorizer(self.analyzer, (self.ngram_min, self.ngram_max), min_df=self.min_df,
                                max_df=self.max_df, max_features=self.max_features)
        if self.head_words is None and self.tail_words is None:
            return main
        # The opening and closing words as words (unigrams up to the word n-grams asked for), whatever the main
        # analyzer.
        ends_range = (self.ngram_min, self.ngram_max) if self.analyzer == "word" else (1, 1)
        parts = [("text", main)]
        if self.head_words is not None:
            parts.append(("head", Pipeline([("words", HeadWords(self.head_words)),
                                            ("vectorizer", self._vectorizer("word", ends_range))])))
        if self.tail_words is not None:
            parts.append(("tail", Pipeline([("words", TailWords(self.tail_words)),
                                            ("vectorizer", self._vectorizer("word", ends_range))])))
        if self.ends_char_ngrams is not None:
            # Character n-grams inside the opening and closing words: an instruction in a language or script
            # no fitting prompt used still shares pieces of words ("zusammen", "要約") with ones that did.
            steps = [("head_chars", HeadWords, self.head_words), ("tail_chars", TailWords, self.tail_words)]
            for name, step, words in steps:
                if words is not None:
                    chars = self._vectorizer("char_wb", tuple(self.ends_char_ngrams), min_df=self.min_df)
                    parts.append((name, Pipeline([("words", step(words)), ("vectorizer", chars)])))
        return FeatureUnion(parts)

    def make_model(self, smallest_class: int = 5):
        if self.model in ("mnb", "cnb"):
            kind = ComplementNB if self.model == "cnb" else MultinomialNB
            return kind(alpha=self.alpha)
        if self.model == "logreg":
            return LogisticRegression(max_iter=1000, random_state=self.seed)
        if self.model == "sgd":
            return SGDClassifier(loss=self.sgd_loss, random_state=self.seed)
        # Stratified folds need a few rows of each class.
        folds = max(2, min(5, smallest_class))
        return CalibratedClassifierCV(LinearSVC(random_state=self.seed), method="sigmoid", cv=folds,
                                      ensemble=self.ensemble)

    def parameters(self) -> Dict[str, Any]:
        return {"vectorizer": self.vectorizer, "ngramMax": self.ngram_max, "model": self.model,
                "alpha": float(self.alpha), "minDf": self.min_df, "maxFeatures": self.max_features,
                "analyzer": self.analyzer, "ngramMin": self.ngram_min, "sublinearTf": self.sublinear_tf,
                "maxDf": float(self.max_df), "headWords": self.head_words, "tailWords": self.tail_words,
                "endsCharNgrams": None if self.ends_char_ngrams is None else list(self.ends_char_ngrams),
                "sgdLoss": self.sgd_loss,
                "ensemble": self.ensemble}


def _require_int(name: str, value: Any, minimum: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise ValueError("%s: expected an integer >= %d, found %r" % (name, minimum, value))


@dataclasses.dataclass
class TrainedModel:
    vectorizer: Any  # the features step: a vectorizer or a FeatureUnion
    model: Any
    document: Dict[str, Any]

    def encode(self) -> bytes:
        return encode_weight_file(self.document)


# ---------------------------------------------------------------------------------------------------------
# Training data


def read_training_data(path: str):
    """Reads `{"text": ..., "label": ...}` lines; returns (texts, labels, data fingerprint)."""
    with open(path, "rb") as handle:
        raw = handle.read()
    texts, labels = parse_training_data(raw, source=path)
    return texts, labels, CHECKSUM_PREFIX + hashlib.sha256(raw).hexdigest()


def parse_training_data(raw: bytes, source: str = "<data>"):
    texts: List[str] = []
    labels: List[str] = []
    lines = raw.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()  # the newline that ends the last row
    for number, line in enumerate(lines, start=1):
        where = "%s:%d" % (source, number)
        try:
            decoded = line.decode("utf-8")
        except UnicodeDecodeError as error:
            raise TrainingDataError("%s: expected UTF-8 text, found an invalid byte at column %d"
                                    % (where, error.start + 1)) from None
        if not decoded.strip():
            raise TrainingDataError('%s: expected a JSON object {"text": ..., "label": ...}, found an empty line'
                                    % where)
        try:
            row = json.loads(decoded)
        except json.JSONDecodeError as error:
            raise TrainingDataError("%s: expected a JSON object, found invalid JSON (%s at column %d)"
                                    % (where, error.msg, error.colno)) from None
        if not isinstance(row, dict):
            raise TrainingDataError("%s: expected a JSON object, found a JSON %s" % (where, _json_type(row)))
        for member in ("text", "label"):
            if member not in row:
                raise TrainingDataError('%s: expected a "%s" member, found only %s'
                                        % (where, member, sorted(row) or "no members"))
            if not isinstance(row[member], str):
                raise TrainingDataError('%s: expected "%s" to be a string, found a JSON %s'
                                        % (where, member, _json_type(row[member])))
        if not row["label"].strip():
            raise TrainingDataError('%s: expected a non-empty "label", found %r' % (where, row["label"]))
        if not _is_encodable(row["label"]):
            raise TrainingDataError('%s: expected "label" to be valid Unicode text, found an unpaired surrogate'
                                    % where)
        texts.append(row["text"])
        labels.append(row["label"])
    if not texts:
        raise TrainingDataError("%s: expected at least one row, found none" % source)
    return texts, labels


def data_fingerprint(texts: Sequence[str], labels: Sequence[str]) -> str:
    """Fingerprint of rows given in memory: SHA-256 of their JSONL rendering, one row per line."""
    digest = hashlib.sha256()
    for text, label in zip(texts, labels):
        line = json.dumps({"text": text, "label": label}, ensure_ascii=False) + "\n"
        digest.update(line.encode("utf-8", "surrogatepass"))
    return CHECKSUM_PREFIX + digest.hexdigest()


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


# ---------------------------------------------------------------------------------------------------------
# Training


def train(texts: Sequence[str], labels: Sequence[str], options: TrainingOptions = TrainingOptions(),
          fingerprint: Optional[str] = None) -> TrainedModel:
    """Fits the vectorizer and model on every row and builds the weight-file document.

    Quality figures come from a separate fit on a stratified split with the same settings; the anomaly
    baselines from every row's features as seen by a model fitted on the other folds.
    """
    options.validate()
    texts = list(texts)
    labels = list(labels)
    if len(texts) != len(labels):
        raise ValueError("expected one label per text, found %d texts and %d labels" % (len(texts), len(labels)))
    if not texts:
        raise ValueError("expected at least one training row, found none")
    for index, label in enumerate(labels):
        if not isinstance(label, str) or not label:
            raise ValueError("row %d: expected a non-empty string label, found %r" % (index, label))

    pipeline = fit_pipeline(texts, labels, options)
    vectorizer, model = pipeline.steps[0][1], pipeline.steps[1][1]
    quality = held_out_quality(texts, labels, options)
    label_counts = {}
    for label in sorted(set(labels)):
        label_counts[label] = 0
    for label in labels:
        label_counts[label] += 1
    training = {
        "dataFingerprint": fingerprint or data_fingerprint(texts, labels),
        "rows": len(texts),
        "labelCounts": label_counts,
        "sklearnVersion": sklearn.__version__,
        "pythonVersion": platform.python_version(),
        "parameters": options.parameters(),
    }
    golden_texts = choose_golden_texts(texts, anomaly_word_view(pipeline), options.golden, options.seed)
    document = export_weights(vectorizer, model, golden_texts=golden_texts, model_name=options.model_name,
                              training=training, quality=quality)
    document["anomaly"] = anomaly_features.anomaly_section(
        texts, labels, lambda fold_texts, fold_labels: _fit(fold_texts, fold_labels, options),
        options.seed)
    return TrainedModel(vectorizer=vectorizer, model=model, document=document)


def fit_pipeline(texts, labels, options: TrainingOptions):
    """A fitted Pipeline([features, model]) as the options describe it."""
    vectorizer = options.make_vectorizer()
    try:
        features = vectorizer.fit_transform(texts)
    except ValueError as error:
        # scikit-learn's own words ("empty vocabulary", "no terms remain") name the cause.
        raise TrainingDataError("cannot build a vocabulary from %d rows with min-df=%d, max-df=%s, "
                                "max-features=%s: %s" % (len(texts), options.min_df, options.max_df,
                                                         options.max_features, error)) from None
    labels = np.asarray(labels, dtype=object)
    model = options.make_model(smallest_class=min(np.unique(labels, return_counts=True)[1]))
    model.fit(features, labels)
    return Pipeline([("features", vectorizer), ("model", model)])


def anomaly_word_view(pipeline):
    features = pipeline.steps[0][1]
    return pipeline_compiler.AnomalyWordView(features, pipeline_compiler.branches_of(features))


def _fit(texts, labels, options: TrainingOptions):
    """(word view, model): what anomaly_features reads the tokens, vocabulary and probabilities from."""
    pipeline = fit_pipeline(texts, labels, options)
    return anomaly_word_view(pipeline), pipeline.steps[1][1]


def stratified_split(labels: Sequence[str], fraction: float, seed: int):
    """Seeded per-class split: returns (train indices, held-out indices), both sorted.

    Each class with at least two rows gives round(fraction * rows) of them, at least one and never all,
    to the held-out part; a class with a single row cannot be split and stays in training.
    """
    by_label: Dict[str, List[int]] = {}
    for index, label in enumerate(labels):
        by_label.setdefault(label, []).append(index)
    rng = random.Random(seed)
    train_rows: List[int] = []
    held_out: List[int] = []
    for label in sorted(by_label):
        rows = by_label[label]
        rng.shuffle(rows)
        take = 0 if len(rows) < 2 else min(len(rows) - 1, max(1, round(fraction * len(rows))))
        held_out.extend(rows[:take])
        train_rows.extend(rows[take:])
    return sorted(train_rows), sorted(held_out)


def held_out_quality(texts, labels, options: TrainingOptions) -> Dict[str, Any]:
    train_rows, held_out = stratified_split(labels, options.held_out_fraction, options.seed)
    quality: Dict[str, Any] = {"accuracy": None, "macroF1": None, "perClassF1": {},
                               "heldOutFraction": options.held_out_fraction, "splitSeed": options.seed,
                               "heldOutRows": len(held_out)}
    if not held_out:
        # Every class has a single row: there is nothing to measure on.
        return quality
    pipeline = fit_pipeline([texts[i] for i in train_rows], [labels[i] for i in train_rows], options)
    truth = [labels[i] for i in held_out]
    predicted = [str(p) for p in pipeline.predict([texts[i] for i in held_out])]
    present = sorted(set(truth))
    per_class = f1_score(truth, predicted, labels=present, average=None, zero_division=0)
    quality["accuracy"] = float(accuracy_score(truth, predicted))
    quality["macroF1"] = float(np.mean(per_class))
    quality["perClassF1"] = {label: float(score) for label, score in zip(present, per_class)}
    return quality


def choose_golden_texts(texts: Sequence[str], vectorizer, count: int, seed: int) -> List[str]:
    """A seeded sample of training texts, led by the edge cases the Java side must get right:
    an empty text, a text with no known token, and the first non-ASCII text of the sample."""
    rng = random.Random(seed)
    encodable = [t for t in dict.fromkeys(texts) if _is_encodable(t)]
    rng.shuffle(encodable)
    chosen = ["", unknown_token_text(vectorizer, rng)]
    non_ascii = next((t for t in encodable if not t.isascii()), None)
    if non_ascii is not None:
        chosen.append(non_ascii)
    for text in encodable:
        if len(chosen) >= count:
            break
        if text not in chosen:
            chosen.append(text)
    return chosen[:count]


def unknown_token_text(vectorizer, rng: random.Random) -> str:
    """Words that tokenize but are not in the vocabulary, so the class priors alone decide."""
    vocabulary = vectorizer.vocabulary_
    letters = "bcdfghjklmnpqrstvwxz"
    while True:
        words = ["".join(rng.choice(letters) for _ in range(rng.randint(7, 10))) for _ in range(3)]
        if all(w not in vocabulary for w in words) and not any(
                " ".join(words[i:i + n]) in vocabulary for n in (2, 3) for i in range(len(words) - n + 1)):
            return " ".join(words)


def _is_encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
        return True
    except UnicodeEncodeError:
        return False


# ---------------------------------------------------------------------------------------------------------
# Export


def check_exportable(vectorizer, model) -> None:
    """Refuses, with what was expected and what was found, anything the Java classifier cannot reproduce.

    `vectorizer` is the features step: a vectorizer, a FeatureUnion of them, or Pipeline([HeadWords | TailWords,
    vectorizer]).
    """
    branches = pipeline_compiler.branches_of(vectorizer)
    for branch in branches:
        pipeline_compiler.check_vectorizer(branch)
    feature_count = 0
    for branch in branches:
        size = len(branch.vectorizer.vocabulary_)
        if size > MAX_VOCABULARY:
            raise UnsupportedModelError("vocabulary: expected at most %d terms, found %d (use max_features)"
                                        % (MAX_VOCABULARY, size))
        longest = max(branch.vectorizer.vocabulary_, key=len, default="")
        if len(longest) > MAX_TERM_CHARS:
            raise UnsupportedModelError("vocabulary: expected terms of at most %d characters, found one of %d "
                                        "starting %r" % (MAX_TERM_CHARS, len(longest), longest[:40]))
        feature_count += size
    pipeline_compiler.check_model(model, feature_count, {"classes": MAX_CLASSES})


def golden_vectors(vectorizer, model, texts: Sequence[str]) -> Dict[str, Any]:
    """scikit-learn's predict_proba and predict for each text; the loader replays them."""
    texts = list(texts)
    vectors = []
    if texts:
        features = vectorizer.transform(texts)
        probabilities = model.predict_proba(features)
        labels = model.predict(features)
        for text, label, row in zip(texts, labels, probabilities):
            vectors.append({"text": text, "label": str(label),
                            "probabilities": np.asarray(row, dtype=np.float64).tolist()})
    return {"tolerance": GOLDEN_TOLERANCE, "vectors": vectors}


def new_model_version(now: datetime.datetime) -> str:
    return now.strftime("%Y%m%dT%H%M%SZ-") + secrets.token_hex(4)


def export_weights(vectorizer, model, *, golden_texts: Sequence[str], model_name: str = "default",
                   training: Optional[Dict[str, Any]] = None, quality: Optional[Dict[str, Any]] = None,
                   now: Optional[datetime.datetime] = None) -> Dict[str, Any]:
    """Documents an already fitted vectorizer and model as a weight file (without its checksum).

    Callers may add optional sections (e.g. `document["anomaly"] = {...}`) before `encode_weight_file`.
    `training` and `quality` default to what can be said without the training data.
    """
    check_exportable(vectorizer, model)
    if len(golden_texts) > MAX_GOLDEN_VECTORS:
        raise UnsupportedModelError("golden: expected at most %d vectors, found %d"
                                    % (MAX_GOLDEN_VECTORS, len(golden_texts)))
    now = (now or datetime.datetime.now(datetime.timezone.utc)).astimezone(datetime.timezone.utc)
    if training is None:
        training = {"dataFingerprint": None, "rows": None, "labelCounts": None,
                    "sklearnVersion": sklearn.__version__, "pythonVersion": platform.python_version(),
                    "parameters": None}
    if quality is None:
        quality = {"accuracy": None, "macroF1": None, "perClassF1": {}, "heldOutFraction": None,
                   "splitSeed": None, "heldOutRows": 0}
    branches = pipeline_compiler.branches_of(vectorizer)
    version = 2 if pipeline_compiler.needs_version_2(branches, model) else 1
    document = {
        "format": FORMAT_NAME,
        "formatVersion": version,
        "modelName": model_name,
        "modelVersion": new_model_version(now),
        "createdAt": now.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "training": training,
    }
    if version == 1:
        document["vectorizer"] = pipeline_compiler.vectorizer_section(branches[0], 1)
    else:
        document["vectorizers"] = [pipeline_compiler.vectorizer_section(b, 2) for b in branches]
    document["model"] = pipeline_compiler.model_section(model)
    document["quality"] = quality
    document["golden"] = golden_vectors(vectorizer, model, golden_texts)
    document["pipeline"] = pipeline_compiler.describe(Pipeline([("features", vectorizer), ("model", model)]))
    return document


def export_pipeline(pipeline, **kwargs) -> Dict[str, Any]:
    """As export_weights, for a fitted Pipeline([features, model])."""
    features, model = pipeline_compiler.split_pipeline(pipeline)
    return export_weights(features, model, **kwargs)


def encode_weight_file(document: Dict[str, Any]) -> bytes:
    """Compact UTF-8 JSON with the members in format order and the checksum last."""
    ordered = {key: document[key] for key in TOP_LEVEL_ORDER if key in document}
    ordered.update({key: value for key, value in document.items()
                    if key not in ordered and key != "checksum"})
    ordered["checksum"] = CHECKSUM_PLACEHOLDER
    try:
        text = json.dumps(ordered, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    except ValueError as error:
        raise UnsupportedModelError("weight file: expected finite numbers only, found %s" % error) from None
    data = text.encode("utf-8")
    if len(data) > MAX_FILE_BYTES:
        raise UnsupportedModelError("weight file: expected at most %d bytes, found %d"
                                    % (MAX_FILE_BYTES, len(data)))
    digest = hashlib.sha256(data).hexdigest().encode("ascii")
    start = data.rindex(CHECKSUM_PLACEHOLDER.encode("ascii")) + len(CHECKSUM_PREFIX)
    return data[:start] + digest + data[start + 64:]


def checksum_matches(data: bytes) -> bool:
    """Checks a weight file's checksum as the format describes: the digits zeroed, then hashed."""
    match = _CHECKSUM_TAIL.search(data)
    if match is None:
        return False
    zeroed = data[:match.start(1)] + b"0" * 64 + data[match.end(1):]
    return hashlib.sha256(zeroed).hexdigest() == match.group(1).decode("ascii")


def write_weight_file(path: str, document: Dict[str, Any]) -> int:
    """Writes atomically (a temporary file renamed over the target); returns the byte count."""
    data = encode_weight_file(document)
    directory = os.path.dirname(os.path.abspath(path))
    os.makedirs(directory, exist_ok=True)
    temporary = os.path.join(directory, ".%s.%d.tmp" % (os.path.basename(path), os.getpid()))
    with open(temporary, "wb") as handle:
        handle.write(data)
    os.replace(temporary, path)
    return len(data)


# ---------------------------------------------------------------------------------------------------------
# Command line


def _int_at_least(minimum: int):
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError("expected an integer, found %r" % text) from None
        if value < minimum:
            raise argparse.ArgumentTypeError("expected an integer >= %d, found %d" % (minimum, value))
        return value
    return parse


_positive_int = _int_at_least(1)
_non_negative_int = _int_at_least(0)


def _alpha(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError("expected a number, found %r" % text) from None
    if not math.isfinite(value) or value < 0:
        raise argparse.ArgumentTypeError("expected a finite number >= 0, found %r" % text)
    return value


def _fraction(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError("expected a number, found %r" % text) from None
    if not (0.0 < value <= 1.0):
        raise argparse.ArgumentTypeError("expected a fraction of rows in (0, 1], found %r" % text)
    return value


def _boolean(text: str) -> bool:
    if text.lower() in ("true", "yes", "1"):
        return True
    if text.lower() in ("false", "no", "0"):
        return False
    raise argparse.ArgumentTypeError("expected true or false, found %r" % text)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="train.py",
        description="Train a scikit-learn text classifier on JSONL rows {\"text\": ..., \"label\": ...} "
                    "and write a kroute weight file.")
    parser.add_argument("--data", required=True, help="training data, one JSON object per line")
    parser.add_argument("--out", required=True, help="weight file to write")
    parser.add_argument("--vectorizer", choices=("count", "tfidf"), default="count",
                        help="CountVectorizer or TfidfVectorizer (default: count)")
    parser.add_argument("--analyzer", choices=pipeline_compiler.ANALYZERS, default="word",
                        help="word n-grams, character n-grams, or character n-grams inside words padded with "
                             "spaces (default: word)")
    parser.add_argument("--ngram-min", type=_positive_int, default=1, help="shortest n-gram (default: 1)")
    parser.add_argument("--ngram-max", type=_positive_int, default=1,
                        help="longest n-gram, in words or characters (default: 1)")
    parser.add_argument("--sublinear-tf", action="store_true",
                        help="tf-idf with 1 + ln(count) instead of the count (needs --vectorizer tfidf)")
    parser.add_argument("--min-df", type=_positive_int, default=1,
                        help="ignore terms found in fewer than K rows (default: 1)")
    parser.add_argument("--max-df", type=_fraction, default=1.0,
                        help="ignore terms found in more than this fraction of rows (default: 1.0)")
    parser.add_argument("--max-features", type=_positive_int, default=None,
                        help="keep the N most frequent terms (default: all)")
    parser.add_argument("--head-words", type=_positive_int, default=None,
                        help="add a second vectorizer over the first N words of each text, joined to the first "
                             "by a FeatureUnion (default: none)")
    parser.add_argument("--tail-words", type=_positive_int, default=None,
                        help="add a vectorizer over the last N words of each text, joined to the others by a "
                             "FeatureUnion (default: none)")
    parser.add_argument("--ends-char-ngrams", type=_positive_int, nargs=2, metavar=("MIN", "MAX"), default=None,
                        help="add char_wb n-gram vectorizers (MIN to MAX characters) over the head and tail words "
                             "(default: none)")
    parser.add_argument("--model", choices=MODELS, default="mnb",
                        help="MultinomialNB, ComplementNB, LogisticRegression, LinearSVC inside "
                             "CalibratedClassifierCV (sigmoid), or SGDClassifier (default: mnb)")
    parser.add_argument("--alpha", type=_alpha, default=1.0,
                        help="additive smoothing of mnb and cnb (default: 1.0)")
    parser.add_argument("--sgd-loss", choices=SGD_LOSSES, default="log_loss",
                        help="the loss of --model sgd (default: log_loss)")
    parser.add_argument("--ensemble", type=_boolean, default=True,
                        help="--model linearsvc: average one calibrated model per fold (true) or calibrate one "
                             "model fitted on all rows (false) (default: true)")
    parser.add_argument("--model-name", default="default", help="logical model name (default: default)")
    parser.add_argument("--golden", type=_positive_int, default=32,
                        help="golden vectors to embed, at least 3 (default: 32)")
    parser.add_argument("--seed", type=_non_negative_int, default=0,
                        help="seed for the held-out split, the golden sample and the models (default: 0)")
    return parser


def main(argv: Optional[Sequence[str]] = None) -> int:
    arguments = build_parser().parse_args(argv)
    options = TrainingOptions(vectorizer=arguments.vectorizer, ngram_max=arguments.ngram_max,
                              model=arguments.model, alpha=arguments.alpha, min_df=arguments.min_df,
                              max_features=arguments.max_features, model_name=arguments.model_name,
                              golden=arguments.golden, seed=arguments.seed, analyzer=arguments.analyzer,
                              ngram_min=arguments.ngram_min, sublinear_tf=arguments.sublinear_tf,
                              max_df=arguments.max_df, head_words=arguments.head_words,
                              tail_words=arguments.tail_words,
                              ends_char_ngrams=None if arguments.ends_char_ngrams is None
                              else tuple(arguments.ends_char_ngrams), sgd_loss=arguments.sgd_loss, ensemble=arguments.ensemble)
    try:
        options.validate()
        texts, labels, fingerprint = read_training_data(arguments.data)
        trained = train(texts, labels, options, fingerprint=fingerprint)
        size = write_weight_file(arguments.out, trained.document)
    except (OSError, ValueError) as error:
        sys.stderr.write("train.py: %s\n" % error)
        return 1
    document = trained.document
    quality = document["quality"]
    vectorizers = document.get("vectorizers") or [document["vectorizer"]]
    summary = {"out": arguments.out, "bytes": size, "formatVersion": document["formatVersion"],
               "modelName": document["modelName"], "modelVersion": document["modelVersion"], "rows": len(texts),
               "classes": len(document["model"]["classes"]),
               "features": sum(len(v["vocabulary"]) for v in vectorizers),
               "accuracy": quality["accuracy"], "macroF1": quality["macroF1"]}
    print(json.dumps(summary, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
