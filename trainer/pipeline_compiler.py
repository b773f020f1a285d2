"""Compiles a fitted scikit-learn text pipeline into the `vectorizer(s)` and `model` members of a weight file.

What compiles (docs/training.md lists it for users):

    Pipeline([features, model])   or the two parts given separately, where
    features = CountVectorizer | TfidfVectorizer                       (analyzer 'word', 'char' or 'char_wb')
             | Pipeline([HeadWords(n) | TailWords(n), CountVectorizer | TfidfVectorizer])
             | FeatureUnion of those
    model    = MultinomialNB | ComplementNB | LogisticRegression
             | SGDClassifier(loss='log_loss' or 'modified_huber')
             | CalibratedClassifierCV(LinearSVC | LogisticRegression | SGDClassifier, method='sigmoid')

Anything else is refused with an UnsupportedModelError naming the step, the parameter and its value.
A pipeline that format version 1 can express (one word vectorizer and a naive Bayes model) is written as
version 1, so that older readers still load it; anything else needs version 2.
"""

import dataclasses
from typing import Any, Dict, List, Optional

import numpy as np
from sklearn.calibration import CalibratedClassifierCV
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from sklearn.linear_model import LogisticRegression, SGDClassifier
from sklearn.naive_bayes import ComplementNB, MultinomialNB
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.preprocessing import LabelEncoder
from sklearn.svm import LinearSVC

from head_words import WORD_PATTERN, HeadWords, TailWords

DEFAULT_TOKEN_PATTERN = WORD_PATTERN
ANALYZERS = ("word", "char", "char_wb")
MAX_WORD_NGRAM = 8
MAX_CHAR_NGRAM = 16
MAX_UNION_BRANCHES = 16
MAX_CALIBRATED_ESTIMATORS = 64
SUPPORTED_FEATURES = ("CountVectorizer, TfidfVectorizer (analyzer 'word', 'char' or 'char_wb'), "
                      "Pipeline([HeadWords | TailWords, CountVectorizer | TfidfVectorizer]), or a FeatureUnion of "
                      "those")
SUPPORTED_MODELS = ("MultinomialNB, ComplementNB, LogisticRegression, SGDClassifier(loss='log_loss' or "
                    "'modified_huber'), CalibratedClassifierCV(LinearSVC | LogisticRegression | SGDClassifier, "
                    "method='sigmoid')")
LINEAR_BASES = (LinearSVC, LogisticRegression, SGDClassifier)


class UnsupportedModelError(ValueError):
    """The fitted vectorizer or model uses something the Java classifier cannot reproduce."""


@dataclasses.dataclass(frozen=True)
class Branch:
    """One vectorizer of the features, with the head- or tail-words step in front of it when there is one."""
    name: str
    vectorizer: Any
    head_words: Optional[int] = None
    tail_words: Optional[int] = None

    @property
    def whole_text(self) -> bool:
        return self.head_words is None and self.tail_words is None

    @property
    def where(self) -> str:
        return "vectorizer" if not self.name else "vectorizer %r" % self.name


# ---------------------------------------------------------------------------------------------------------
# Taking a pipeline apart


def split_pipeline(pipeline):
    """(features step, model) of a fitted Pipeline([features, model])."""
    if not isinstance(pipeline, Pipeline):
        raise UnsupportedModelError("pipeline: expected a scikit-learn Pipeline([features, model]), found %s"
                                    % type(pipeline).__name__)
    steps = list(pipeline.steps)
    if len(steps) == 3 and isinstance(steps[0][1], HeadWords):
        # Pipeline([HeadWords | TailWords, vectorizer, model]): one branch over the opening or closing words.
        return Pipeline(steps[:2]), steps[2][1]
    if len(steps) != 2:
        raise UnsupportedModelError("pipeline: expected two steps [features, model], found %d: %s"
                                    % (len(steps), ", ".join("%s (%s)" % (n, type(s).__name__) for n, s in steps)))
    return steps[0][1], steps[1][1]


def branches_of(features) -> List[Branch]:
    """The vectorizers of a features step, in the order their columns come in."""
    if isinstance(features, FeatureUnion):
        if features.transformer_weights:
            raise UnsupportedModelError("FeatureUnion transformer_weights: expected None, found %r"
                                        % (features.transformer_weights,))
        branches = [_branch(name, step) for name, step in features.transformer_list]
        if not 1 <= len(branches) <= MAX_UNION_BRANCHES:
            raise UnsupportedModelError("FeatureUnion: expected 1 to %d vectorizers, found %d"
                                        % (MAX_UNION_BRANCHES, len(branches)))
        return branches
    return [_branch("", features)]


def _branch(name, step) -> Branch:
    if isinstance(step, str):
        raise UnsupportedModelError("step %r: expected a vectorizer, found %r (dropped or passed-through "
                                    "steps are not supported)" % (name, step))
    if isinstance(step, Pipeline):
        parts = [s for _, s in step.steps]
        if len(parts) == 2 and isinstance(parts[0], HeadWords) and type(parts[1]) in (CountVectorizer,
                                                                                       TfidfVectorizer):
            parts[0]._validate()
            if isinstance(parts[0], TailWords):
                return Branch(name, parts[1], tail_words=int(parts[0].n_words))
            return Branch(name, parts[1], int(parts[0].n_words))
        if len(parts) == 1:
            return _branch(name, parts[0])
        raise UnsupportedModelError("step %r: expected Pipeline([HeadWords | TailWords, CountVectorizer | "
                                    "TfidfVectorizer]), "
                                    "found Pipeline of %s; supported features: %s"
                                    % (name, [type(p).__name__ for p in parts], SUPPORTED_FEATURES))
    if type(step) not in (CountVectorizer, TfidfVectorizer):
        raise UnsupportedModelError("%s: expected a CountVectorizer or TfidfVectorizer, found %s; supported "
                                    "features: %s" % ("vectorizer" if not name else "step %r" % name,
                                                      type(step).__name__, SUPPORTED_FEATURES))
    return Branch(name, step)


# ---------------------------------------------------------------------------------------------------------
# Checks


def check_vectorizer(branch: Branch) -> None:
    """Refuses, naming the parameter and its value, a vectorizer the Java side cannot reproduce."""
    vectorizer = branch.vectorizer
    where = branch.where
    if type(vectorizer) not in (CountVectorizer, TfidfVectorizer):
        raise UnsupportedModelError("%s: expected a CountVectorizer or TfidfVectorizer, found %s"
                                    % (where, type(vectorizer).__name__))
    if not hasattr(vectorizer, "vocabulary_"):
        raise UnsupportedModelError("%s: expected a fitted vectorizer, found one without vocabulary_" % where)

    def refuse(setting, expected, found):
        raise UnsupportedModelError("%s %s: expected %s, found %r" % (where, setting, expected, found))

    if callable(vectorizer.analyzer) or vectorizer.analyzer not in ANALYZERS:
        refuse("analyzer", "'word', 'char' or 'char_wb'", vectorizer.analyzer)
    word = vectorizer.analyzer == "word"
    if vectorizer.tokenizer is not None:
        refuse("tokenizer", "None (the default tokenizer)", vectorizer.tokenizer)
    if vectorizer.preprocessor is not None:
        refuse("preprocessor", "None (the default preprocessor)", vectorizer.preprocessor)
    if word and vectorizer.token_pattern != DEFAULT_TOKEN_PATTERN:
        refuse("token_pattern", "scikit-learn's default %r" % DEFAULT_TOKEN_PATTERN, vectorizer.token_pattern)
    if vectorizer.strip_accents is not None:
        refuse("strip_accents", "None (no accent stripping)", vectorizer.strip_accents)
    if vectorizer.input != "content":
        refuse("input", "'content' (Java receives the text itself)", vectorizer.input)
    for setting in ("lowercase", "binary"):
        if not isinstance(getattr(vectorizer, setting), bool):
            refuse(setting, "True or False", getattr(vectorizer, setting))
    low, high = vectorizer.ngram_range
    longest = MAX_WORD_NGRAM if word else MAX_CHAR_NGRAM
    if not (isinstance(low, (int, np.integer)) and isinstance(high, (int, np.integer)) and 1 <= low <= high <= longest):
        refuse("ngram_range", "(min, max) integers with 1 <= min <= max <= %d" % longest, vectorizer.ngram_range)
    stop = vectorizer.stop_words
    if word and stop is not None and not (isinstance(stop, str) and stop == "english"):
        if isinstance(stop, str) or callable(stop) or not isinstance(stop, (list, tuple, set, frozenset)):
            refuse("stop_words", "None, 'english' or a list of words", stop)
        if not all(isinstance(w, str) for w in stop):
            refuse("stop_words", "a list of strings", stop)
    expected_dtype = np.float64 if type(vectorizer) is TfidfVectorizer else np.int64
    if np.dtype(vectorizer.dtype) != np.dtype(expected_dtype):
        refuse("dtype", "the default %s" % np.dtype(expected_dtype).name, np.dtype(vectorizer.dtype).name)
    if type(vectorizer) is TfidfVectorizer:
        if vectorizer.norm not in ("l1", "l2", None):
            refuse("norm", "'l1', 'l2' or None", vectorizer.norm)
        if not isinstance(vectorizer.sublinear_tf, bool):
            refuse("sublinear_tf", "True or False", vectorizer.sublinear_tf)


def check_model(model, feature_count: int, limits) -> None:
    """Refuses a model the Java side cannot score, or whose shape does not fit the features."""
    kind = type(model)
    if kind is LinearSVC:
        raise UnsupportedModelError("model: LinearSVC has no predict_proba, and kroute gives probabilities for "
                                    "every model; wrap it: CalibratedClassifierCV(LinearSVC(), method='sigmoid')")
    if kind not in (MultinomialNB, ComplementNB, LogisticRegression, SGDClassifier, CalibratedClassifierCV):
        raise UnsupportedModelError("model: expected one of %s, found %s" % (SUPPORTED_MODELS, kind.__name__))
    if not hasattr(model, "classes_"):
        raise UnsupportedModelError("model: expected a fitted model, found %s without classes_" % kind.__name__)
    if kind in (MultinomialNB, ComplementNB) and not hasattr(model, "feature_log_prob_"):
        raise UnsupportedModelError("model: expected a fitted model, found one without feature_log_prob_")
    if kind is SGDClassifier and model.loss not in ("log_loss", "log", "modified_huber"):
        raise UnsupportedModelError("model SGDClassifier loss: expected 'log_loss' or 'modified_huber' (the losses "
                                    "with predict_proba), found %r" % (model.loss,))
    if kind is CalibratedClassifierCV and model.method != "sigmoid":
        raise UnsupportedModelError("model CalibratedClassifierCV method: expected 'sigmoid', found %r"
                                    % (model.method,))
    classes = list(model.classes_)
    if len(classes) > limits["classes"]:
        raise UnsupportedModelError("model: expected at most %d classes, found %d" % (limits["classes"], len(classes)))
    for label in classes:
        if not isinstance(label, str):
            raise UnsupportedModelError("model classes: expected string labels, found %r of type %s"
                                        % (label, type(label).__name__))
    for name, matrix in _weight_matrices(model):
        if matrix.ndim != 2 or matrix.shape[1] != feature_count:
            raise UnsupportedModelError("model: expected %s of shape (classes, %d) to match the vocabulary, found %s"
                                        % (name, feature_count, matrix.shape))
        if not np.all(np.isfinite(matrix)):
            raise UnsupportedModelError("model: expected finite %s, found NaN or infinity" % name)


def _weight_matrices(model):
    if type(model) in (MultinomialNB, ComplementNB):
        return [("feature_log_prob_", np.asarray(model.feature_log_prob_))]
    if type(model) is CalibratedClassifierCV:
        matrices = []
        for i, calibrated in enumerate(model.calibrated_classifiers_):
            estimator = calibrated.estimator
            if type(estimator) not in LINEAR_BASES:
                raise UnsupportedModelError("model CalibratedClassifierCV estimator: expected LinearSVC, "
                                            "LogisticRegression or SGDClassifier, found %s" % type(estimator).__name__)
            matrices.append(("calibrated_classifiers_[%d].estimator.coef_" % i, _dense(estimator.coef_)))
        return matrices
    return [("coef_", _dense(model.coef_))]


def _dense(matrix):
    return np.asarray(matrix.toarray() if hasattr(matrix, "toarray") else matrix, dtype=np.float64)


# ---------------------------------------------------------------------------------------------------------
# Sections


def vectorizer_section(branch: Branch, version: int) -> Dict[str, Any]:
    vectorizer = branch.vectorizer
    vocabulary = [None] * len(vectorizer.vocabulary_)
    for term, index in vectorizer.vocabulary_.items():
        vocabulary[int(index)] = term
    word = vectorizer.analyzer == "word"
    # scikit-learn ignores stop words for character analyzers.
    stop = vectorizer.get_stop_words() if word else None
    tfidf = type(vectorizer) is TfidfVectorizer
    section: Dict[str, Any] = {}
    if version >= 2:
        section.update({"name": branch.name, "analyzer": vectorizer.analyzer, "headWords": branch.head_words})
        if branch.tail_words is not None:
            section["tailWords"] = branch.tail_words
    section.update({
        "kind": "tfidf" if tfidf else "count",
        "lowercase": vectorizer.lowercase,
        "tokenPattern": vectorizer.token_pattern if word else None,
        "ngramRange": [int(vectorizer.ngram_range[0]), int(vectorizer.ngram_range[1])],
        "binary": vectorizer.binary,
        "stopWords": None if stop is None else sorted(stop),
        "vocabulary": vocabulary,
    })
    if version < 2:
        section["tokenPattern"] = vectorizer.token_pattern
    if tfidf:
        # Without use_idf scikit-learn multiplies by nothing; ones reproduce that exactly.
        idf = vectorizer.idf_ if vectorizer.use_idf else np.ones(len(vocabulary))
        section["idf"] = np.asarray(idf, dtype=np.float64).tolist()
        section["norm"] = vectorizer.norm
        section["sublinearTf"] = vectorizer.sublinear_tf
    return section


def model_section(model) -> Dict[str, Any]:
    classes = [str(label) for label in model.classes_]
    kind = type(model)
    if kind in (MultinomialNB, ComplementNB):
        if kind is MultinomialNB or len(classes) == 1:
            # ComplementNB adds its prior only for a single class (its _joint_log_likelihood).
            offset = np.asarray(model.class_log_prior_, dtype=np.float64).tolist()
        else:
            offset = [0.0] * len(classes)
        return {"kind": "multinomial_nb" if kind is MultinomialNB else "complement_nb", "classes": classes,
                "featureLogProb": np.asarray(model.feature_log_prob_, dtype=np.float64).tolist(),
                "jointLogLikelihoodOffset": offset}
    if kind is LogisticRegression:
        return dict({"kind": "logistic_regression", "classes": classes,
                     "probability": "ovr" if _logistic_ovr(model) else "softmax"}, **_linear(model))
    if kind is SGDClassifier:
        loss = "modified_huber" if model.loss == "modified_huber" else "log_loss"
        return dict({"kind": "sgd_classifier", "classes": classes, "loss": loss}, **_linear(model))
    return {"kind": "calibrated_classifier", "classes": classes, "method": "sigmoid",
            "estimators": [_calibrated(c, classes) for c in model.calibrated_classifiers_]}


def _logistic_ovr(model) -> bool:
    """LogisticRegression.predict_proba's own rule for one-vs-rest against multinomial probabilities."""
    return model.multi_class in ("ovr", "warn") or (
        model.multi_class == "auto" and (model.classes_.size <= 2 or model.solver == "liblinear"))


def _linear(estimator) -> Dict[str, Any]:
    coef = _dense(estimator.coef_)
    # With fit_intercept=False, LinearSVC's intercept_ is the number 0.0.
    intercept = np.broadcast_to(np.asarray(estimator.intercept_, dtype=np.float64), (coef.shape[0],))
    return {"coef": coef.tolist(), "intercept": intercept.tolist()}


def _calibrated(calibrated, classes) -> Dict[str, Any]:
    """One (estimator, calibrators) pair, with the class each decision column's probability goes to, paired as
    _CalibratedClassifier.predict_proba pairs them (zip: the shortest of the three decides)."""
    estimator = calibrated.estimator
    section = _linear(estimator)
    targets = LabelEncoder().fit(calibrated.classes).transform(estimator.classes_)
    pairs = min(len(targets), len(section["coef"]), len(calibrated.calibrators))
    if len(classes) == 2:
        # Binary: the one decision column is the second class's.
        targets = targets + 1
    for calibrator in calibrated.calibrators:
        if not hasattr(calibrator, "a_"):
            raise UnsupportedModelError("model CalibratedClassifierCV calibrator: expected a sigmoid "
                                        "calibrator, found %s" % type(calibrator).__name__)
    return {"estimator": type(estimator).__name__,
            "coef": section["coef"][:pairs], "intercept": section["intercept"][:pairs],
            "targets": [int(t) for t in targets[:pairs]],
            "sigmoidA": [float(c.a_) for c in calibrated.calibrators[:pairs]],
            "sigmoidB": [float(c.b_) for c in calibrated.calibrators[:pairs]]}


def needs_version_2(branches: List[Branch], model) -> bool:
    simple = (len(branches) == 1 and branches[0].vectorizer.analyzer == "word" and branches[0].whole_text)
    return not (simple and type(model) in (MultinomialNB, ComplementNB))


# ---------------------------------------------------------------------------------------------------------
# Description (for `kroute weights inspect`; information only)


def describe(step) -> Dict[str, Any]:
    """A step's class and parameters, nested steps described in turn; values that are not plain JSON as text."""
    if isinstance(step, Pipeline):
        return {"class": "Pipeline", "steps": [dict(name=n, **describe(s)) for n, s in step.steps]}
    if isinstance(step, FeatureUnion):
        return {"class": "FeatureUnion", "steps": [dict(name=n, **describe(s)) for n, s in step.transformer_list]}
    parameters = {}
    for key, value in sorted(step.get_params(deep=False).items()):
        if hasattr(value, "get_params"):
            parameters[key] = describe(value)
        else:
            parameters[key] = _plain(value)
    return {"class": type(step).__name__, "parameters": parameters}


def _plain(value):
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        return float(value) if np.isfinite(value) else repr(float(value))
    if isinstance(value, (list, tuple)) and all(v is None or isinstance(v, (bool, str, int, float)) for v in value):
        return list(value)
    if isinstance(value, type):
        return value.__name__
    return repr(value)


# ---------------------------------------------------------------------------------------------------------
# The word view the anomaly filter's features are computed from


class AnomalyWordView:
    """What trainer/anomaly_features.py reads from "the vectorizer": the first word vectorizer over the whole text
    (its tokens and vocabulary), or, when the features have none, the default word tokens against an empty
    vocabulary, lower-cased as the first vectorizer lower-cases. `transform` gives the features of the whole
    features step, for the model. The Java side makes the same choice (docs/training.md)."""

    def __init__(self, features, branches: List[Branch]):
        self.features = features
        primary = next((b.vectorizer for b in branches if b.vectorizer.analyzer == "word" and b.whole_text),
                       None)
        if primary is None:
            primary = CountVectorizer(lowercase=bool(branches[0].vectorizer.lowercase))
            primary.vocabulary_ = {}
        self.primary = primary
        self.lowercase = primary.lowercase
        self.token_pattern = primary.token_pattern
        self.vocabulary_ = primary.vocabulary_
        self.ngram_range = primary.ngram_range

    def build_preprocessor(self):
        return self.primary.build_preprocessor()

    def get_stop_words(self):
        return self.primary.get_stop_words()

    def transform(self, texts):
        return self.features.transform(texts)
