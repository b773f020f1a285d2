"""The anomaly filter's prompt features, computed in Python exactly as kroute's Java analyzer computes them,
and the baselines (the weight file's `anomaly` section) the trainer derives from them.

Java is the specification (inference/.../anomaly/PromptFeatures.java, text/CharacterStats.java and
text/WordTokenizer.java); docs/anomaly.md explains every feature. What must match, and how:

- Only the first 100,000 UTF-16 units of a text are examined (never splitting a surrogate pair); `charCount`
  is the whole text's length in UTF-16 units. Python strings count code points, so lengths are taken from
  the UTF-16 encoding.
- Character classes follow Java's `Character.getType` on the original (not lower-cased) code points, read
  here from `unicodedata.category`. ASCII has its own table: tab, LF, VT, FF, CR and space are spaces; other
  C0 controls and DEL are invisible.
- Tokens are the vectorizer's own: its preprocessor (lower-casing) and token pattern, stop words removed.
- A token is mixed-script when its letters come from more than one script group. Python has no Unicode
  Script property, so script_table.py (compiled from the UCD's Scripts.txt by make_script_table.py) maps
  letters to groups: ASCII letters are Latin; Common and Inherited letters, all non-letters, and the East
  Asian scripts (Han, kana, Hangul, Bopomofo — CJK text runs Latin words into its own without spaces) belong
  to none. The share is over the tokens as scanned (before stop words are removed), counted the way the Java
  scanner counts them.
- `classUncertainty` is the posterior entropy over ln(classes) of the probabilities the caller passes.

Both sides use the Unicode tables of their runtime (Java 17: Unicode 13; Python 3.11: Unicode 14), so a
character assigned after Unicode 13 is unassigned (invisible) to Java and classified by Python.
"""

import bisect
import math
import re
import unicodedata
from collections import Counter
from typing import Any, Dict, List, Optional, Sequence, Tuple

import numpy as np

import script_table

MAX_EXAMINED_CHARS = 100_000

FEATURE_KEYS = (
    "charCount", "tokenCount", "meanTokenLength", "nonAsciiShare", "symbolShare", "digitShare", "upperShare",
    "invisibleShare", "longestCharRun", "charEntropy", "topTokenShare", "longestEncodedRun",
    "unknownTokenShare", "mixedScriptShare", "classUncertainty",
)
FEATURE_INDEX = {key: index for index, key in enumerate(FEATURE_KEYS)}

# Character classes (bits), as in Java's CharacterStats.
_LETTER, _UPPER, _DIGIT, _SPACE, _SYMBOL, _INVISIBLE = 1, 2, 4, 8, 16, 32
_CATEGORY_CLASS = {
    "Lu": _LETTER | _UPPER, "Lt": _LETTER | _UPPER, "Ll": _LETTER, "Lm": _LETTER, "Lo": _LETTER,
    "Nd": _DIGIT,
    "Zs": _SPACE, "Zl": _SPACE, "Zp": _SPACE,
    "Cc": _INVISIBLE, "Cf": _INVISIBLE, "Cs": _INVISIBLE, "Co": _INVISIBLE, "Cn": _INVISIBLE,
    "Pc": _SYMBOL, "Pd": _SYMBOL, "Ps": _SYMBOL, "Pe": _SYMBOL, "Pi": _SYMBOL, "Pf": _SYMBOL, "Po": _SYMBOL,
    "Sm": _SYMBOL, "Sc": _SYMBOL, "Sk": _SYMBOL, "So": _SYMBOL,
}  # marks (Mn, Mc, Me) and other numbers (Nl, No) belong to no counted class


def _ascii_class(code_point: int) -> int:
    ch = chr(code_point)
    bits = 0
    if ch.isascii() and ch.isalpha():
        bits |= _LETTER
    if "A" <= ch <= "Z":
        bits |= _UPPER
    if "0" <= ch <= "9":
        bits |= _DIGIT
    if ch in " \t\n\r\x0b\x0c":
        bits |= _SPACE
    elif code_point < 0x20 or code_point == 0x7F:
        bits |= _INVISIBLE
    elif not ch.isalnum():
        bits |= _SYMBOL
    return bits


_ASCII_CLASS = [_ascii_class(c) for c in range(128)]

# A run of these ASCII characters looks encoded when it mixes letters and digits, or reaches 40 characters.
_ENCODED_RUN = re.compile(r"[A-Za-z0-9+/=_-]+")
_ENCODED_MIN_PLAIN_RUN = 40
_SAME_CHARACTER_RUN = re.compile(r"(.)\1*", re.DOTALL)
_WORD_CHARACTER = re.compile(r"\w")


def class_of(ch: str) -> int:
    code_point = ord(ch)
    if code_point < 128:
        return _ASCII_CLASS[code_point]
    return _CATEGORY_CLASS.get(unicodedata.category(ch), 0)


def script_group(ch: str) -> Optional[int]:
    """The script group of a letter (None for non-letters and Common or Inherited letters)."""
    code_point = ord(ch)
    if code_point < 128:
        return -1 if ch.isalpha() else None  # -1: Latin; ASCII letters need no table
    if not unicodedata.category(ch).startswith("L"):
        return None
    index = bisect.bisect_right(script_table.STARTS, code_point) - 1
    if index >= 0 and code_point <= script_table.ENDS[index]:
        group = script_table.GROUPS[index]
        name = script_table.GROUP_NAMES[group]
        if name == "Han":
            # Han, kana, Hangul and Bopomofo: CJK text embeds Latin words legitimately, so it mixes with nothing.
            return None
        return -1 if name == "Latin" else group
    return None


def utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def as_java_string(text: str) -> str:
    """Joins surrogate pairs held as two code points into one, as a Java String reads them."""
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")


def examined_prefix(text: str, max_chars: int = MAX_EXAMINED_CHARS) -> str:
    """The first max_chars UTF-16 units of text, one fewer if the cut would split a surrogate pair."""
    if len(text) <= max_chars // 2 or utf16_length(text) <= max_chars:
        return text
    units = 0
    for index, ch in enumerate(text):
        units += 2 if ord(ch) > 0xFFFF else 1
        if units > max_chars:
            return text[:index]
    return text


class FeatureExtractor:
    """Computes the 15 features of texts for one fitted CountVectorizer or TfidfVectorizer."""

    def __init__(self, vectorizer, max_chars: int = MAX_EXAMINED_CHARS):
        self.preprocess = vectorizer.build_preprocessor()
        self.lowercase = bool(vectorizer.lowercase)
        self.token_pattern = re.compile(vectorizer.token_pattern)
        self.stop_words = vectorizer.get_stop_words() or frozenset()
        self.vocabulary = vectorizer.vocabulary_
        self.unigrams_known = vectorizer.ngram_range[0] == 1
        self.max_chars = max_chars

    def prefix(self, text: str) -> str:
        """The part of the text that is examined (what the classifier must also be given)."""
        return examined_prefix(as_java_string(text), self.max_chars)

    def features(self, text: str, probabilities: Sequence[float]) -> List[float]:
        """The feature values of one text, given the classifier's probabilities for its examined prefix."""
        text = as_java_string(text)
        prefix = examined_prefix(text, self.max_chars)
        values = [0.0] * len(FEATURE_KEYS)
        values[FEATURE_INDEX["charCount"]] = float(utf16_length(text))

        counts = Counter(prefix)
        n = len(prefix)
        non_ascii = upper = digits = symbols = invisible = 0
        weighted_log = 0.0
        for ch, count in counts.items():
            bits = class_of(ch)
            if ord(ch) >= 128:
                non_ascii += count
            if bits & _UPPER:
                upper += count
            if bits & _DIGIT:
                digits += count
            if bits & _SYMBOL:
                symbols += count
            if bits & _INVISIBLE:
                invisible += count
            weighted_log += count * math.log(count)
        if n > 0:
            values[FEATURE_INDEX["nonAsciiShare"]] = non_ascii / n
            values[FEATURE_INDEX["symbolShare"]] = symbols / n
            values[FEATURE_INDEX["digitShare"]] = digits / n
            values[FEATURE_INDEX["upperShare"]] = upper / n
            values[FEATURE_INDEX["invisibleShare"]] = invisible / n
            # H = ln n - (1/n) sum c ln c, in bits.
            values[FEATURE_INDEX["charEntropy"]] = max(0.0, (math.log(n) - weighted_log / n) / math.log(2))
        values[FEATURE_INDEX["longestCharRun"]] = float(
            max((m.end() - m.start() for m in _SAME_CHARACTER_RUN.finditer(prefix)), default=0))
        values[FEATURE_INDEX["longestEncodedRun"]] = float(max(
            (len(run) for run in _ENCODED_RUN.findall(prefix)
             if len(run) >= _ENCODED_MIN_PLAIN_RUN or (_has_digit(run) and _has_ascii_letter(run))),
            default=0))

        processed = self.preprocess(prefix)
        tokens = [t for t in self.token_pattern.findall(processed) if t not in self.stop_words]
        token_count = len(tokens)
        values[FEATURE_INDEX["tokenCount"]] = float(token_count)
        if token_count > 0:
            values[FEATURE_INDEX["meanTokenLength"]] = sum(utf16_length(t) for t in tokens) / token_count
            values[FEATURE_INDEX["topTokenShare"]] = max(Counter(tokens).values()) / token_count
            known = sum(1 for t in tokens if t in self.vocabulary) if self.unigrams_known else 0
            values[FEATURE_INDEX["unknownTokenShare"]] = 1.0 - known / token_count
        mixed, scanned_tokens = self._mixed_script_tokens(prefix)
        if scanned_tokens > 0:
            values[FEATURE_INDEX["mixedScriptShare"]] = mixed / scanned_tokens
        k = len(probabilities)
        if k > 1:
            entropy = -sum(p * math.log(p) for p in probabilities if p > 0.0)
            values[FEATURE_INDEX["classUncertainty"]] = entropy / math.log(k)
        return values

    def _mixed_script_tokens(self, prefix: str) -> Tuple[int, int]:
        """(mixed-script tokens, tokens) as the Java scanner counts them, before stop words are removed.

        The scanner reads the original text one code point at a time, tests the lower-cased code point for
        \\w and the original letter for its script. "İ" lower-cases to "i" and a combining dot, so it adds an
        "i" to the token and then ends it (its own script is not looked at, as in the scanner).
        """
        mixed = tokens = 0
        groups = set()
        length = 0
        for ch in prefix:
            if self.lowercase and ch == "\u0130":
                length += 1
                if length >= 2:
                    tokens += 1
                    mixed += len(groups) > 1
                groups = set()
                length = 0
                continue
            lowered = ch.lower() if self.lowercase else ch
            if _WORD_CHARACTER.match(lowered):
                length += 1
                group = script_group(ch)
                if group is not None:
                    groups.add(group)
            else:
                if length >= 2:
                    tokens += 1
                    mixed += len(groups) > 1
                groups = set()
                length = 0
        if length >= 2:
            tokens += 1
            mixed += len(groups) > 1
        return mixed, tokens

    def matrix(self, texts: Sequence[str], probabilities) -> np.ndarray:
        """Features of many texts, one row each; probabilities has one row per text."""
        return np.array([self.features(text, row) for text, row in zip(texts, probabilities)],
                        dtype=np.float64).reshape(len(texts), len(FEATURE_KEYS))


def _has_digit(run: str) -> bool:
    return any("0" <= ch <= "9" for ch in run)


def _has_ascii_letter(run: str) -> bool:
    return any(ch.isalpha() for ch in run)


# ---------------------------------------------------------------------------------------------------------
# Baselines: the weight file's `anomaly` section

MAD_TO_SIGMA = 1.4826  # makes the MAD estimate a normal distribution's standard deviation


class FeatureScoring:
    """How one feature is scored: transform, suspicious direction, centre/spread method, smallest spread."""

    def __init__(self, transform: str, direction: str, method: str, scale_floor: float, why: str):
        self.transform = transform
        self.direction = direction
        self.method = method
        self.scale_floor = scale_floor
        self.why = why

    def apply(self, values: np.ndarray) -> np.ndarray:
        return np.log1p(np.maximum(values, 0.0)) if self.transform == "log1p" else values


# Counts and lengths are log-transformed (a prompt ten times longer is one step further, not ten); shares and
# bounded scores stay as they are. Robust centre and spread are used where normal prompts are skewed or
# multi-modal (one-word greetings, pasted documents, prompts in Chinese), so a few extreme training prompts
# cannot inflate the spread. The floors are the smallest deviation that means anything for each feature:
# 0.05 in log1p (5 %) for counts, half a percentage point for shares.
SCORING = {
    "charCount": FeatureScoring("log1p", "high", "robust", 0.05, "runaway length"),
    "tokenCount": FeatureScoring("log1p", "high", "robust", 0.05, "token floods"),
    "meanTokenLength": FeatureScoring("log1p", "both", "robust", 0.05, "blobs (long) and letter soup (short)"),
    "nonAsciiShare": FeatureScoring("none", "high", "standard", 0.005, "decoded bytes, foreign noise"),
    "symbolShare": FeatureScoring("none", "high", "robust", 0.005, "punctuation and symbol noise"),
    "digitShare": FeatureScoring("none", "high", "robust", 0.005, "hex and numeric dumps"),
    "upperShare": FeatureScoring("none", "high", "robust", 0.005, "base64, shouting"),
    "invisibleShare": FeatureScoring("none", "high", "robust", 0.001, "zero-width, bidi, control characters"),
    "longestCharRun": FeatureScoring("log1p", "high", "robust", 0.05, "one character repeated"),
    "charEntropy": FeatureScoring("none", "high", "robust", 0.05, "random characters"),
    "topTokenShare": FeatureScoring("none", "high", "robust", 0.005, "one token repeated"),
    "longestEncodedRun": FeatureScoring("log1p", "high", "robust", 0.05, "base64 and hex payloads"),
    "unknownTokenShare": FeatureScoring("none", "high", "robust", 0.005, "words the classifier never saw"),
    "mixedScriptShare": FeatureScoring("none", "high", "robust", 0.005, "homoglyph spoofing"),
    "classUncertainty": FeatureScoring("none", "high", "standard", 0.01, "prompts unlike any class"),
}

# The threshold: the training prompts' combined score at this quantile, times a margin for unseen prompts.
THRESHOLD_QUANTILE = 0.999
THRESHOLD_MARGIN = 1.1
MIN_THRESHOLD = 3.0
# Each feature's training tail (this quantile, in its suspicious direction) scores at most TAIL_Z.
TAIL_QUANTILE = 0.999
TAIL_Z = 3.5


def feature_statistics(values: np.ndarray, scoring: FeatureScoring, tail_quantile: float = TAIL_QUANTILE,
                       tail_z: float = TAIL_Z) -> Dict[str, Any]:
    """One feature's baseline: centre and spread of its transformed training values, and a scale floor.

    The floor is the larger of the feature's resolution and its tail spread: the distance from the centre to
    the training prompts' `tail_quantile` (in the suspicious direction) divided by `tail_z`. A feature whose
    normal prompts have a long tail (one-word prompts for topTokenShare, Chinese prompts for meanTokenLength)
    is so never trusted to be tighter than that tail, and no single feature drives the combined score of
    ordinary prompts: every feature puts its own training tail at the same z.
    """
    transformed = scoring.apply(np.asarray(values, dtype=np.float64))
    mean = float(np.mean(transformed))
    median = float(np.median(transformed))
    mad = float(np.median(np.abs(transformed - median)))
    center = median if scoring.method == "robust" else mean
    tail = 0.0
    if scoring.direction in ("high", "both"):
        tail = max(tail, float(np.quantile(transformed, tail_quantile)) - center)
    if scoring.direction in ("low", "both"):
        tail = max(tail, center - float(np.quantile(transformed, 1.0 - tail_quantile)))
    return {
        "transform": scoring.transform,
        "direction": scoring.direction,
        "method": scoring.method,
        "mean": mean,
        "std": float(np.std(transformed - median)),  # shifted: exactly 0 when every value is the same
        "median": median,
        "mad": mad,
        "scaleFloor": float(max(scoring.scale_floor, tail / tail_z)),
    }


def directional_z(features: np.ndarray, section: Dict[str, Any]) -> np.ndarray:
    """Every feature's directional z-score, one row per prompt, as the Java AnomalyModel computes them."""
    features = np.asarray(features, dtype=np.float64).reshape(-1, len(FEATURE_KEYS))
    z = np.zeros_like(features)
    for index, key in enumerate(FEATURE_KEYS):
        b = section["features"][key]
        x = np.log1p(np.maximum(features[:, index], 0.0)) if b["transform"] == "log1p" else features[:, index]
        if b["method"] == "robust":
            center, spread = b["median"], MAD_TO_SIGMA * b["mad"]
        else:
            center, spread = b["mean"], b["std"]
        signed = (x - center) / max(spread, b["scaleFloor"])
        if b["direction"] == "high":
            z[:, index] = np.maximum(signed, 0.0)
        elif b["direction"] == "low":
            z[:, index] = np.maximum(-signed, 0.0)
        else:
            z[:, index] = np.abs(signed)
    return z


def combined_scores(features: np.ndarray, section: Dict[str, Any]) -> np.ndarray:
    """The combined score: the largest directional z-score of each prompt."""
    return directional_z(features, section).max(axis=1)


def fit_anomaly_section(features: np.ndarray, scoring: Optional[Dict[str, FeatureScoring]] = None,
                        quantile: float = THRESHOLD_QUANTILE, margin: float = THRESHOLD_MARGIN) -> Dict[str, Any]:
    """Baselines of every feature over the training prompts' features, and the threshold they imply."""
    scoring = scoring or SCORING
    features = np.asarray(features, dtype=np.float64).reshape(-1, len(FEATURE_KEYS))
    if features.shape[0] == 0:
        raise ValueError("anomaly baselines: expected at least one training prompt, found none")
    if not np.all(np.isfinite(features)):
        raise ValueError("anomaly baselines: expected finite feature values, found NaN or infinity")
    section = {"threshold": None, "combine": "max",
               "features": {key: feature_statistics(features[:, i], scoring[key])
                            for i, key in enumerate(FEATURE_KEYS)}}
    scores = combined_scores(features, section)
    section["threshold"] = choose_threshold(scores, quantile, margin)
    return section


def choose_threshold(scores: np.ndarray, quantile: float = THRESHOLD_QUANTILE,
                     margin: float = THRESHOLD_MARGIN) -> float:
    """A high quantile of the training prompts' combined scores, with a margin, never below MIN_THRESHOLD."""
    return float(max(MIN_THRESHOLD, margin * float(np.quantile(scores, quantile))))


# ---------------------------------------------------------------------------------------------------------
# Features of the training prompts as unseen prompts would show them

OUT_OF_FOLD_SPLITS = 5


def out_of_fold_features(texts: Sequence[str], labels: Sequence[str], fit, seed: int = 0,
                         splits: int = OUT_OF_FOLD_SPLITS):
    """Every training prompt's features as computed by a model that did not see it.

    `fit(texts, labels)` returns a fitted (vectorizer, model). Each prompt is scored by the model fitted on
    the other folds (stratified, seeded), since in-sample figures are flattering: every token of a training
    prompt is in its own vocabulary, and the classifier is over-confident on what it was fitted on. With a
    class too small to split, the model fitted on everything is used instead. Returns (features, folds used).
    """
    from sklearn.model_selection import StratifiedKFold

    texts = list(texts)
    labels = list(labels)
    smallest = min(Counter(labels).values())
    folds = min(splits, smallest)
    features = np.zeros((len(texts), len(FEATURE_KEYS)), dtype=np.float64)
    if folds < 2:
        vectorizer, model = fit(texts, labels)
        return _features_with(vectorizer, model, texts), 1
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)
    for train_rows, test_rows in splitter.split(np.zeros(len(labels)), labels):
        try:
            vectorizer, model = fit([texts[i] for i in train_rows], [labels[i] for i in train_rows])
        except ValueError:
            # A fold too small to build a vocabulary from (tiny data, a high min-df): score in sample.
            vectorizer, model = fit(texts, labels)
            return _features_with(vectorizer, model, texts), 1
        features[test_rows] = _features_with(vectorizer, model, [texts[i] for i in test_rows])
    return features, folds


def anomaly_section(texts: Sequence[str], labels: Sequence[str], fit, seed: int = 0) -> Dict[str, Any]:
    """The weight file's `anomaly` section for a model trained by `fit(texts, labels)` on these rows."""
    features, folds = out_of_fold_features(texts, labels, fit, seed)
    section = fit_anomaly_section(features)
    section["baselineFrom"] = {"prompts": len(texts), "outOfFold": folds > 1, "folds": folds}
    return section


def _features_with(vectorizer, model, texts: Sequence[str]) -> np.ndarray:
    extractor = FeatureExtractor(vectorizer)
    prefixes = [extractor.prefix(text) for text in texts]
    probabilities = model.predict_proba(vectorizer.transform(prefixes)) if texts else []
    return extractor.matrix(texts, probabilities)


def baselines_for_fitted(vectorizer, model, texts: Sequence[str]) -> Dict[str, Any]:
    """An `anomaly` section for an already fitted pair from texts it was fitted on (in-sample: without labels
    no fold can be held out, so `unknownTokenShare` and `classUncertainty` baselines come out tighter than
    unseen prompts will be)."""
    section = fit_anomaly_section(_features_with(vectorizer, model, list(texts)))
    section["baselineFrom"] = {"prompts": len(texts), "outOfFold": False}
    return section
