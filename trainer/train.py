#!/usr/bin/env python3
"""Compile a scikit-learn text classifier into a kroute weight file (format version 1).

Command line:
    python3 trainer/train.py --data FILE.jsonl --out FILE.json [--vectorizer count|tfidf]
        [--ngram-max N] [--model mnb|cnb] [--alpha A] [--min-df K] [--max-features N]
        [--model-name NAME] [--golden N] [--seed S]

As a module:
    train(texts, labels, TrainingOptions(...)) -> TrainedModel   fits and builds the document
    export_weights(vectorizer, model, ...)      -> dict           documents an already fitted pair
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
from typing import Any, Dict, List, Optional, Sequence

import numpy as np
import sklearn
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from sklearn.metrics import accuracy_score, f1_score
from sklearn.naive_bayes import ComplementNB, MultinomialNB

if os.path.dirname(os.path.abspath(__file__)) not in sys.path:
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import anomaly_features  # noqa: E402  (the trainer's own module, next to this file)

FORMAT_NAME = "kroute-weights"
FORMAT_VERSION = 1
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
                   "vectorizer", "model", "quality", "golden", "anomaly", "bandit")

_CHECKSUM_TAIL = re.compile(rb'"checksum"\s*:\s*"sha256:([0-9a-f]{64})"\s*}\Z')


class UnsupportedModelError(ValueError):
    """The fitted vectorizer or model uses something the Java classifier cannot reproduce."""


class TrainingDataError(ValueError):
    """A training data file or row is not usable."""


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

    def validate(self) -> None:
        if self.vectorizer not in ("count", "tfidf"):
            raise ValueError("vectorizer: expected 'count' or 'tfidf', found %r" % (self.vectorizer,))
        if self.model not in ("mnb", "cnb"):
            raise ValueError("model: expected 'mnb' or 'cnb', found %r" % (self.model,))
        _require_int("ngram-max", self.ngram_max, 1)
        _require_int("min-df", self.min_df, 1)
        if self.max_features is not None:
            _require_int("max-features", self.max_features, 1)
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

    def make_vectorizer(self):
        kind = TfidfVectorizer if self.vectorizer == "tfidf" else CountVectorizer
        return kind(ngram_range=(1, self.ngram_max), min_df=self.min_df, max_features=self.max_features)

    def make_model(self):
        kind = ComplementNB if self.model == "cnb" else MultinomialNB
        return kind(alpha=self.alpha)

    def parameters(self) -> Dict[str, Any]:
        return {"vectorizer": self.vectorizer, "ngramMax": self.ngram_max, "model": self.model,
                "alpha": float(self.alpha), "minDf": self.min_df, "maxFeatures": self.max_features}


def _require_int(name: str, value: Any, minimum: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise ValueError("%s: expected an integer >= %d, found %r" % (name, minimum, value))


@dataclasses.dataclass
class TrainedModel:
    vectorizer: Any
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

    vectorizer, model = _fit(texts, labels, options)
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
    golden_texts = choose_golden_texts(texts, vectorizer, options.golden, options.seed)
    document = export_weights(vectorizer, model, golden_texts=golden_texts, model_name=options.model_name,
                              training=training, quality=quality)
    document["anomaly"] = anomaly_features.anomaly_section(
        texts, labels, lambda fold_texts, fold_labels: _fit(fold_texts, fold_labels, options), options.seed)
    return TrainedModel(vectorizer=vectorizer, model=model, document=document)


def _fit(texts, labels, options: TrainingOptions):
    vectorizer = options.make_vectorizer()
    try:
        features = vectorizer.fit_transform(texts)
    except ValueError as error:
        # scikit-learn's own words ("empty vocabulary", "no terms remain") name the cause.
        raise TrainingDataError("cannot build a vocabulary from %d rows with min-df=%d, max-features=%s: %s"
                                % (len(texts), options.min_df, options.max_features, error)) from None
    model = options.make_model()
    model.fit(features, np.asarray(labels, dtype=object))
    return vectorizer, model


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
    vectorizer, model = _fit([texts[i] for i in train_rows], [labels[i] for i in train_rows], options)
    truth = [labels[i] for i in held_out]
    predicted = [str(p) for p in model.predict(vectorizer.transform([texts[i] for i in held_out]))]
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
    """Refuses, with what was expected and what was found, anything the Java classifier cannot reproduce."""
    if type(vectorizer) not in (CountVectorizer, TfidfVectorizer):
        raise UnsupportedModelError("vectorizer: expected a CountVectorizer or TfidfVectorizer, found %s"
                                    % type(vectorizer).__name__)
    if type(model) not in (MultinomialNB, ComplementNB):
        raise UnsupportedModelError("model: expected a MultinomialNB or ComplementNB, found %s"
                                    % type(model).__name__)
    if not hasattr(vectorizer, "vocabulary_"):
        raise UnsupportedModelError("vectorizer: expected a fitted vectorizer, found one without vocabulary_")
    if not hasattr(model, "feature_log_prob_"):
        raise UnsupportedModelError("model: expected a fitted model, found one without feature_log_prob_")

    def refuse(setting, expected, found):
        raise UnsupportedModelError("vectorizer %s: expected %s, found %r" % (setting, expected, found))

    if vectorizer.analyzer != "word":
        refuse("analyzer", "'word' (Java tokenizes words only)", vectorizer.analyzer)
    if vectorizer.tokenizer is not None:
        refuse("tokenizer", "None (the default tokenizer)", vectorizer.tokenizer)
    if vectorizer.preprocessor is not None:
        refuse("preprocessor", "None (the default preprocessor)", vectorizer.preprocessor)
    if vectorizer.token_pattern != DEFAULT_TOKEN_PATTERN:
        refuse("token_pattern", "scikit-learn's default %r" % DEFAULT_TOKEN_PATTERN, vectorizer.token_pattern)
    if vectorizer.strip_accents is not None:
        refuse("strip_accents", "None (no accent stripping)", vectorizer.strip_accents)
    if vectorizer.input != "content":
        refuse("input", "'content' (Java receives the text itself)", vectorizer.input)
    if not isinstance(vectorizer.lowercase, bool):
        refuse("lowercase", "True or False", vectorizer.lowercase)
    if not isinstance(vectorizer.binary, bool):
        refuse("binary", "True or False", vectorizer.binary)
    low, high = vectorizer.ngram_range
    if not (isinstance(low, (int, np.integer)) and isinstance(high, (int, np.integer)) and 1 <= low <= high):
        refuse("ngram_range", "(min, max) integers with 1 <= min <= max", vectorizer.ngram_range)
    stop = vectorizer.stop_words
    if stop is not None and not (isinstance(stop, str) and stop == "english"):
        if isinstance(stop, str) or callable(stop) or not isinstance(stop, (list, tuple, set, frozenset)):
            refuse("stop_words", "None, 'english' or a list of words", stop)
        if not all(isinstance(word, str) for word in stop):
            refuse("stop_words", "a list of strings", stop)
    expected_dtype = np.float64 if type(vectorizer) is TfidfVectorizer else np.int64
    if np.dtype(vectorizer.dtype) != np.dtype(expected_dtype):
        refuse("dtype", "the default %s" % np.dtype(expected_dtype).name, np.dtype(vectorizer.dtype).name)
    if type(vectorizer) is TfidfVectorizer:
        if vectorizer.norm not in ("l1", "l2", None):
            refuse("norm", "'l1', 'l2' or None", vectorizer.norm)
        if not isinstance(vectorizer.sublinear_tf, bool):
            refuse("sublinear_tf", "True or False", vectorizer.sublinear_tf)

    vocabulary_size = len(vectorizer.vocabulary_)
    weights = np.asarray(model.feature_log_prob_)
    if weights.ndim != 2 or weights.shape[1] != vocabulary_size:
        raise UnsupportedModelError("model: expected feature_log_prob_ of shape (classes, %d) to match the "
                                    "vocabulary, found %s" % (vocabulary_size, weights.shape))
    if not np.all(np.isfinite(weights)):
        raise UnsupportedModelError("model: expected finite feature_log_prob_, found NaN or infinity")
    if vocabulary_size > MAX_VOCABULARY:
        raise UnsupportedModelError("vocabulary: expected at most %d terms, found %d (use max_features)"
                                    % (MAX_VOCABULARY, vocabulary_size))
    longest = max(vectorizer.vocabulary_, key=len, default="")
    if len(longest) > MAX_TERM_CHARS:
        raise UnsupportedModelError("vocabulary: expected terms of at most %d characters, found one of %d "
                                    "starting %r" % (MAX_TERM_CHARS, len(longest), longest[:40]))
    classes = list(model.classes_)
    if len(classes) > MAX_CLASSES:
        raise UnsupportedModelError("model: expected at most %d classes, found %d" % (MAX_CLASSES, len(classes)))
    for label in classes:
        if not isinstance(label, str):
            raise UnsupportedModelError("model classes: expected string labels, found %r of type %s"
                                        % (label, type(label).__name__))


def _vectorizer_section(vectorizer) -> Dict[str, Any]:
    vocabulary = [None] * len(vectorizer.vocabulary_)
    for term, index in vectorizer.vocabulary_.items():
        vocabulary[int(index)] = term
    stop = vectorizer.get_stop_words()
    tfidf = type(vectorizer) is TfidfVectorizer
    section: Dict[str, Any] = {
        "kind": "tfidf" if tfidf else "count",
        "lowercase": vectorizer.lowercase,
        "tokenPattern": vectorizer.token_pattern,
        "ngramRange": [int(vectorizer.ngram_range[0]), int(vectorizer.ngram_range[1])],
        "binary": vectorizer.binary,
        "stopWords": None if stop is None else sorted(stop),
        "vocabulary": vocabulary,
    }
    if tfidf:
        # Without use_idf scikit-learn multiplies by nothing; ones reproduce that exactly.
        idf = vectorizer.idf_ if vectorizer.use_idf else np.ones(len(vocabulary))
        section["idf"] = np.asarray(idf, dtype=np.float64).tolist()
        section["norm"] = vectorizer.norm
        section["sublinearTf"] = vectorizer.sublinear_tf
    return section


def _model_section(model) -> Dict[str, Any]:
    classes = [str(label) for label in model.classes_]
    if type(model) is MultinomialNB or len(classes) == 1:
        # ComplementNB adds its prior only for a single class (its _joint_log_likelihood).
        offset = np.asarray(model.class_log_prior_, dtype=np.float64).tolist()
    else:
        offset = [0.0] * len(classes)
    return {
        "kind": "multinomial_nb" if type(model) is MultinomialNB else "complement_nb",
        "classes": classes,
        "featureLogProb": np.asarray(model.feature_log_prob_, dtype=np.float64).tolist(),
        "jointLogLikelihoodOffset": offset,
    }


def golden_vectors(vectorizer, model, texts: Sequence[str]) -> Dict[str, Any]:
    texts = list(texts)
    vectors = []
    if texts:
        probabilities = model.predict_proba(vectorizer.transform(texts))
        for text, row in zip(texts, probabilities):
            vectors.append({"text": text, "label": str(model.classes_[int(np.argmax(row))]),
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
    return {
        "format": FORMAT_NAME,
        "formatVersion": FORMAT_VERSION,
        "modelName": model_name,
        "modelVersion": new_model_version(now),
        "createdAt": now.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "training": training,
        "vectorizer": _vectorizer_section(vectorizer),
        "model": _model_section(model),
        "quality": quality,
        "golden": golden_vectors(vectorizer, model, golden_texts),
    }


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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="train.py",
        description="Train a scikit-learn text classifier on JSONL rows {\"text\": ..., \"label\": ...} "
                    "and write a kroute weight file (format version 1).")
    parser.add_argument("--data", required=True, help="training data, one JSON object per line")
    parser.add_argument("--out", required=True, help="weight file to write")
    parser.add_argument("--vectorizer", choices=("count", "tfidf"), default="count",
                        help="CountVectorizer or TfidfVectorizer (default: count)")
    parser.add_argument("--ngram-max", type=_positive_int, default=1,
                        help="word n-grams from 1 to N (default: 1)")
    parser.add_argument("--model", choices=("mnb", "cnb"), default="mnb",
                        help="MultinomialNB or ComplementNB (default: mnb)")
    parser.add_argument("--alpha", type=_alpha, default=1.0, help="additive smoothing (default: 1.0)")
    parser.add_argument("--min-df", type=_positive_int, default=1,
                        help="ignore terms found in fewer than K rows (default: 1)")
    parser.add_argument("--max-features", type=_positive_int, default=None,
                        help="keep the N most frequent terms (default: all)")
    parser.add_argument("--model-name", default="default", help="logical model name (default: default)")
    parser.add_argument("--golden", type=_positive_int, default=32,
                        help="golden vectors to embed, at least 3 (default: 32)")
    parser.add_argument("--seed", type=_non_negative_int, default=0,
                        help="seed for the held-out split and the golden sample (default: 0)")
    return parser


def main(argv: Optional[Sequence[str]] = None) -> int:
    arguments = build_parser().parse_args(argv)
    options = TrainingOptions(vectorizer=arguments.vectorizer, ngram_max=arguments.ngram_max,
                              model=arguments.model, alpha=arguments.alpha, min_df=arguments.min_df,
                              max_features=arguments.max_features, model_name=arguments.model_name,
                              golden=arguments.golden, seed=arguments.seed)
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
    summary = {"out": arguments.out, "bytes": size, "modelName": document["modelName"],
               "modelVersion": document["modelVersion"], "rows": len(texts),
               "classes": len(document["model"]["classes"]),
               "features": len(document["vectorizer"]["vocabulary"]),
               "accuracy": quality["accuracy"], "macroF1": quality["macroF1"]}
    print(json.dumps(summary, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
