"""The anomaly filter's prompt features, computed in Python exactly as kroute's Java analyzer computes them,
and the baselines (the weight file's `anomaly` section) the trainer derives from them.

Java is the specification (inference/.../anomaly/PromptFeatures.java, text/CharacterStats.java and
text/WordTokenizer.java); docs/anomaly.md explains every feature. What must match, and how:

- Only the first 100,000 UTF-16 units of a text are examined (never splitting a surrogate pair). Python strings
  count code points, so lengths are taken from the UTF-16 encoding.
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
- Repetition (`repeatedBigramShare`, `repeatedChunkShare`) identifies tokens by the vocabulary's lookup keys
  (Java's TermIndex.keyOf, rebuilt in token_key) and reproduces TokenRedundancy's bounded tables exactly.
- ZWNJ, ZWJ and variation selectors used as scripts spell with them are not invisible (spelling_invisibles).

Both sides use the Unicode tables of their runtime (Java 17: Unicode 13; Python 3.11: Unicode 14), so a
character assigned after Unicode 13 is unassigned (invisible) to Java and classified by Python.
"""

import bisect
import functools
import math
import re
import unicodedata
from collections import Counter
from typing import Any, Dict, List, Optional, Sequence, Tuple

import numpy as np

import script_table

MAX_EXAMINED_CHARS = 100_000

FEATURE_KEYS = (
    "meanTokenLength", "digitShare", "upperShare", "invisibleShare", "longestCharRun",
    "longestEncodedRun", "encodedShare", "topTokenShare", "repeatedBigramShare", "repeatedChunkShare", "unknownTokenShare",
    "mixedScriptShare", "classUncertainty",
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
# Encoded-looking runs at least this long count toward encodedShare (longer than most identifiers in prose).
ENCODED_SHARE_MIN_RUN = 24
_SAME_CHARACTER_RUN = re.compile(r"(.)\1*", re.DOTALL)
_WORD_CHARACTER = re.compile(r"\w")


def is_variation_selector(code_point: int) -> bool:
    return 0xFE00 <= code_point <= 0xFE0F or 0xE0100 <= code_point <= 0xE01EF


def class_of(ch: str) -> int:
    code_point = ord(ch)
    if code_point < 128:
        return _ASCII_CLASS[code_point]
    if is_variation_selector(code_point):
        return _INVISIBLE  # a mark (Mn), but invisible unless it follows a visible character
    return _CATEGORY_CLASS.get(unicodedata.category(ch), 0)


_ZWNJ, _ZWJ = "\u200c", "\u200d"


def is_joining_script(ch: str) -> bool:
    """Scripts that write ZWNJ and ZWJ inside words: Arabic and Syriac, the Indic scripts, Tibetan, Myanmar, Khmer."""
    c = ord(ch)
    return (0x0600 <= c <= 0x08FF or 0x0900 <= c <= 0x0DFF or 0x0F00 <= c <= 0x109F or 0x1780 <= c <= 0x17FF
            or 0xFB50 <= c <= 0xFDFF or 0xFE70 <= c <= 0xFEFC)


def spelling_invisibles(prefix: str) -> int:
    """Invisible characters used as scripts use them, which do not count as invisible (CharacterStats.
    uncountSpelling): ZWNJ/ZWJ between two characters of a joining script, ZWJ between two emoji (the first
    perhaps followed by variation selectors and skin-tone modifiers), a variation selector after a visible
    character."""
    excused = 0
    last = len(prefix) - 1
    for j, ch in enumerate(prefix):
        code_point = ord(ch)
        if j == 0 or not (ch in (_ZWNJ, _ZWJ) or is_variation_selector(code_point)):
            continue
        before = prefix[j - 1]
        if is_variation_selector(code_point):
            excused += (class_of(before) & (_SPACE | _INVISIBLE)) == 0
            continue
        if j == last:
            continue
        after = prefix[j + 1]
        if is_joining_script(before) and is_joining_script(after):
            excused += 1
            continue
        if unicodedata.category(after) != "So":
            continue
        k = j - 1
        while is_variation_selector(ord(prefix[k])) or 0x1F3FB <= ord(prefix[k]) <= 0x1F3FF:
            k -= 1
            if k < 0:
                break
        if k >= 0 and unicodedata.category(prefix[k]) == "So":
            excused += 1
    return excused


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
    """Computes the anomaly features of texts for one fitted CountVectorizer or TfidfVectorizer."""

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

        counts = Counter(prefix)
        n = len(prefix)
        upper = digits = symbols = invisible = 0
        for ch, count in counts.items():
            bits = class_of(ch)
            if bits & _UPPER:
                upper += count
            if bits & _DIGIT:
                digits += count
            if bits & _SYMBOL:
                symbols += count
            if bits & _INVISIBLE:
                invisible += count
        invisible -= spelling_invisibles(prefix)
        if n > 0:
            values[FEATURE_INDEX["digitShare"]] = digits / n
            values[FEATURE_INDEX["upperShare"]] = upper / n
            values[FEATURE_INDEX["invisibleShare"]] = invisible / n
        values[FEATURE_INDEX["longestCharRun"]] = float(max(
            [m.end() - m.start() for m in _SAME_CHARACTER_RUN.finditer(prefix)
             if not class_of(m.group(1)) & _SPACE] + [1 if n > 0 else 0]))
        counted = [len(run) for run in _ENCODED_RUN.findall(prefix)
                   if len(run) >= _ENCODED_MIN_PLAIN_RUN or (_has_digit(run) and _has_ascii_letter(run))]
        values[FEATURE_INDEX["longestEncodedRun"]] = float(max(counted, default=0))
        if n > 0:
            values[FEATURE_INDEX["encodedShare"]] = sum(c for c in counted if c >= ENCODED_SHARE_MIN_RUN) / n

        processed = self.preprocess(prefix)
        tokens = [t for t in self.token_pattern.findall(processed) if t not in self.stop_words]
        token_count = len(tokens)
        if token_count > 0:
            values[FEATURE_INDEX["meanTokenLength"]] = sum(utf16_length(t) for t in tokens) / token_count
            values[FEATURE_INDEX["topTokenShare"]] = max(Counter(tokens).values()) / token_count
            known = sum(1 for t in tokens if t in self.vocabulary) if self.unigrams_known else 0
            values[FEATURE_INDEX["unknownTokenShare"]] = 1.0 - known / token_count
        bigram_share, chunk_share = token_redundancy(tokens)
        values[FEATURE_INDEX["repeatedBigramShare"]] = bigram_share
        values[FEATURE_INDEX["repeatedChunkShare"]] = chunk_share
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


_MASK64 = (1 << 64) - 1
_MASK32 = (1 << 32) - 1
_LATIN1, _UTF16, _POOLED = 1, 2, 3
_HASH_BITS = 27
_REDUNDANCY_MULTIPLIER = 0x9E3779B97F4A7C15
_REDUNDANCY_KEY_MULTIPLIER = 0xC2B2AE3D27D4EB4F
REDUNDANCY_CHUNK = 8
REDUNDANCY_WINDOW = 256
_REDUNDANCY_SET_BITS = 10


def _int32(value: int) -> int:
    value &= _MASK32
    return value - (1 << 32) if value >= 1 << 31 else value


def _inline_hash(k0: int, k1: int) -> int:
    h = (k0 * 0x9E3779B97F4A7C15 + k1) & _MASK64
    h = ((h ^ (h >> 30)) * 0xBF58476D1CE4E5B9) & _MASK64
    h = ((h ^ (h >> 27)) * 0x94D049BB133111EB) & _MASK64
    return _int32(h ^ (h >> 31))


def _finish_pooled(h: int) -> int:
    h &= _MASK32
    h ^= h >> 16
    h = (h * 0x85EBCA6B) & _MASK32
    h ^= h >> 13
    h = (h * 0xC2B2AE35) & _MASK32
    h ^= h >> 16
    return _int32(h)


def _header(hash32: int, length: int, kind: int) -> int:
    high = ((hash32 & ((1 << _HASH_BITS) - 1)) | ((length & 31) << _HASH_BITS)) & _MASK32
    return ((high << 32) | (kind << 30)) & _MASK64


def token_key(token: str) -> Tuple[int, int, int]:
    """The vocabulary's lookup key of a token (Java's TermIndex.keyOf): header, key word, key word (unsigned)."""
    units = token.encode("utf-16-le", "surrogatepass")
    chars = [units[i] | units[i + 1] << 8 for i in range(0, len(units), 2)]
    length = len(chars)
    bits = 0
    for c in chars:
        bits |= c
    kind = _LATIN1 if bits < 256 and length <= 16 else _UTF16 if length <= 8 else _POOLED
    if kind == _POOLED:
        h = 0
        for c in chars:
            h = (31 * h + c) & _MASK32
        return _header(_finish_pooled(h), length, _POOLED), _MASK64, _MASK64
    words = [0, 0]
    for p, c in enumerate(chars):
        if kind == _LATIN1:
            word, shift = p >> 3, 16 * (p & 3) + 8 * ((p >> 2) & 1)
        else:
            word, shift = p >> 2, 16 * (p & 3)
        words[word] |= c << shift
    return _header(_inline_hash(words[0], words[1]), length, kind), words[0], words[1]


@functools.lru_cache(maxsize=1 << 16)
def _token_value(token: str) -> int:
    header, k0, k1 = token_key(token)
    return header ^ ((k0 * _REDUNDANCY_MULTIPLIER) & _MASK64) ^ ((k1 * _REDUNDANCY_KEY_MULTIPLIER) & _MASK64)


def _densest_share(flags: List[bool]) -> float:
    """Share of repeats in the densest window of REDUNDANCY_WINDOW consecutive flags (all flags when fewer)."""
    if not flags:
        return 0.0
    window = min(len(flags), REDUNDANCY_WINDOW)
    count = sum(flags[:window])
    densest = count
    for i in range(window, len(flags)):
        count += flags[i] - flags[i - window]
        densest = max(densest, count)
    return densest / window


def _seen_before(table: Dict[int, List[int]], gram: int) -> bool:
    """Two ways per set, the newer first: a miss moves the newer entry over and the older one leaves. The n-gram's
    value is mixed by one multiplication: the set is the top bits of the product, the tag the 32 bits below."""
    mixed = (gram * _REDUNDANCY_MULTIPLIER) & _MASK64
    key = mixed >> (64 - _REDUNDANCY_SET_BITS)
    tag = (mixed >> (64 - _REDUNDANCY_SET_BITS - 32)) & _MASK32
    ways = table.setdefault(key, [None, None])
    if tag in ways:
        return True
    ways[1], ways[0] = ways[0], tag
    return False


def token_redundancy(tokens: Sequence[str]) -> Tuple[float, float]:
    """(repeatedBigramShare, repeatedChunkShare) as Java's TokenRedundancy computes them: an n-gram repeats when
    its value is still in its set of a two-way table of 1,024 sets; the share is that of the densest window
    of 256 n-grams."""
    values = [_token_value(t) for t in tokens]
    bigram_table: Dict[int, List[int]] = {}
    chunk_table: Dict[int, List[int]] = {}
    bigram_flags: List[bool] = []
    chunk_flags: List[bool] = []
    outgoing = pow(_REDUNDANCY_MULTIPLIER, REDUNDANCY_CHUNK, 1 << 64)
    chunk = 0
    for t, value in enumerate(values):
        if t >= 1:
            bigram_flags.append(_seen_before(
                bigram_table, (values[t - 1] * _REDUNDANCY_MULTIPLIER + value) & _MASK64))
        chunk = (chunk * _REDUNDANCY_MULTIPLIER + value) & _MASK64
        if t >= REDUNDANCY_CHUNK:
            chunk = (chunk - values[t - REDUNDANCY_CHUNK] * outgoing) & _MASK64
        if t >= REDUNDANCY_CHUNK - 1:
            chunk_flags.append(_seen_before(chunk_table, chunk))
    return _densest_share(bigram_flags), _densest_share(chunk_flags)


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
        return apply_transform(self.transform, values)


COMPLEMENT_EPSILON = 1.0 / 256


def apply_transform(transform: str, values: np.ndarray) -> np.ndarray:
    """The feature transforms of Java's FeatureBaseline.Transform: none, log1p, and logComplement (how close a
    share comes to 1: ln((1 + e) / (1 + e - x)), e = 1/256)."""
    values = np.asarray(values, dtype=np.float64)
    if transform == "log1p":
        return np.log1p(np.maximum(values, 0.0))
    if transform == "logComplement":
        return np.log((1.0 + COMPLEMENT_EPSILON) / (1.0 + COMPLEMENT_EPSILON - np.clip(values, 0.0, 1.0)))
    return values


# Lengths of one item (a run, a token) are log-transformed (ten times longer is one step further, not ten); shares
# and bounded scores stay as they are. Robust centre and spread are used where normal prompts are skewed or
# multi-modal (one-word greetings, pasted documents, prompts in Chinese), so a few extreme training prompts
# cannot inflate the spread. The floors are the smallest deviation that means anything for each feature:
# 0.05 in log1p (5 %) for lengths, half a percentage point for shares, one point for the repetition shares.
SCORING = {
    "meanTokenLength": FeatureScoring("log1p", "both", "robust", 0.05, "blobs (long) and letter soup (short)"),
    "digitShare": FeatureScoring("none", "high", "robust", 0.005, "hex and numeric dumps"),
    "upperShare": FeatureScoring("none", "high", "robust", 0.005, "base64, shouting"),
    "invisibleShare": FeatureScoring("none", "high", "robust", 0.001, "zero-width, bidi, control characters"),
    "longestCharRun": FeatureScoring("log1p", "high", "robust", 0.05, "one character repeated"),
    "longestEncodedRun": FeatureScoring("log1p", "high", "robust", 0.05, "base64 and hex payloads"),
    "encodedShare": FeatureScoring("none", "high", "robust", 0.01, "blobs, also wrapped over many lines"),
    "topTokenShare": FeatureScoring("none", "high", "robust", 0.005, "one token repeated"),
    "repeatedBigramShare": FeatureScoring("logComplement", "high", "robust", 0.05, "token and phrase floods"),
    "repeatedChunkShare": FeatureScoring("logComplement", "high", "robust", 0.05, "phrases and paragraphs repeated"),
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
# Strength of the prior that pulls a class's baseline toward the global one, in prompts: a class with this many
# training prompts gets half its own baseline and half the global one.
CLASS_PRIOR_PROMPTS = 100.0
# The statistics a class baseline carries per feature (transform, direction and method are the global ones).
CLASS_STATISTICS = ("mean", "std", "median", "mad", "scaleFloor")


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


def _center_and_scale(stats: Dict[str, Any], method: str) -> Tuple[float, float]:
    if method == "robust":
        center, spread = stats["median"], MAD_TO_SIGMA * stats["mad"]
    else:
        center, spread = stats["mean"], stats["std"]
    return center, max(spread, stats["scaleFloor"])


def class_weight(prompts: float, prior: float) -> float:
    """How much of a class's own baseline is used: n / (n + prior), 0 for a class without training prompts."""
    return prompts / (prompts + prior) if prompts > 0 else 0.0


def baseline_rows(section: Dict[str, Any], labels: Optional[Sequence[str]] = None):
    """(centres, scales): one row per baseline, the global one first, then one per class of `labels` (in that
    order) when the section has class baselines. A class's centre and scale are its own, shrunk toward the
    global ones: w * own + (1 - w) * global with w = n / (n + classPrior), the scale never below the global
    scale floor, as the Java AnomalyModel computes them."""
    keys = FEATURE_KEYS
    methods = [section["features"][k]["method"] for k in keys]
    rows = [[_center_and_scale(section["features"][k], methods[i]) for i, k in enumerate(keys)]]
    classes = section.get("classes")
    if classes and labels is not None:
        prior = section["classPrior"]
        for label in labels:
            own = classes[label]
            w = class_weight(own["prompts"], prior)
            row = []
            for i, k in enumerate(keys):
                gc, gs = rows[0][i]
                oc, os_ = _center_and_scale(own["features"][k], methods[i])
                floor = section["features"][k]["scaleFloor"]
                row.append((w * oc + (1.0 - w) * gc, max(w * os_ + (1.0 - w) * gs, floor)))
            rows.append(row)
    centers = np.array([[c for c, _ in row] for row in rows], dtype=np.float64)
    scales = np.array([[s for _, s in row] for row in rows], dtype=np.float64)
    return centers, scales


def directional_z(features: np.ndarray, section: Dict[str, Any], classes: Optional[Sequence[str]] = None,
                  labels: Optional[Sequence[str]] = None) -> np.ndarray:
    """Every feature's directional z-score, one row per prompt, as the Java AnomalyModel computes them: against
    the baseline of each prompt's predicted class (`classes`, one per prompt, names from `labels`) when the section
    has class baselines and both are given, against the global baseline otherwise."""
    features = np.asarray(features, dtype=np.float64).reshape(-1, len(FEATURE_KEYS))
    use_classes = bool(section.get("classes")) and classes is not None and labels is not None
    centers, scales = baseline_rows(section, labels if use_classes else None)
    if use_classes:
        index = {label: i + 1 for i, label in enumerate(labels)}
        rows = np.array([index[c] for c in classes], dtype=np.int64)
    else:
        rows = np.zeros(features.shape[0], dtype=np.int64)
    z = np.zeros_like(features)
    for i, key in enumerate(FEATURE_KEYS):
        b = section["features"][key]
        x = apply_transform(b["transform"], features[:, i])
        signed = (x - centers[rows, i]) / scales[rows, i]
        if b["direction"] == "high":
            z[:, i] = np.maximum(signed, 0.0)
        elif b["direction"] == "low":
            z[:, i] = np.maximum(-signed, 0.0)
        else:
            z[:, i] = np.abs(signed)
    return z


def combined_scores(features: np.ndarray, section: Dict[str, Any], classes: Optional[Sequence[str]] = None,
                    labels: Optional[Sequence[str]] = None) -> np.ndarray:
    """The combined score: the largest directional z-score of each prompt."""
    return directional_z(features, section, classes, labels).max(axis=1)


def fit_anomaly_section(features: np.ndarray, classes: Optional[Sequence[str]] = None,
                        labels: Optional[Sequence[str]] = None, scoring: Optional[Dict[str, FeatureScoring]] = None,
                        quantile: float = THRESHOLD_QUANTILE, margin: float = THRESHOLD_MARGIN,
                        prior: float = CLASS_PRIOR_PROMPTS) -> Dict[str, Any]:
    """Baselines of every feature over the training prompts' features, and the threshold they imply.

    With `classes` (each prompt's predicted class) and `labels` (every class of the model), the section also
    carries a baseline per class, from the prompts predicted as that class, and the threshold is computed from
    the scores against them, as prompts will be scored.
    """
    scoring = scoring or SCORING
    features = np.asarray(features, dtype=np.float64).reshape(-1, len(FEATURE_KEYS))
    if features.shape[0] == 0:
        raise ValueError("anomaly baselines: expected at least one training prompt, found none")
    if not np.all(np.isfinite(features)):
        raise ValueError("anomaly baselines: expected finite feature values, found NaN or infinity")
    section = {"threshold": None, "combine": "max",
               "features": {key: feature_statistics(features[:, i], scoring[key])
                            for i, key in enumerate(FEATURE_KEYS)}}
    if classes is not None and labels is not None:
        section["classPrior"] = float(prior)
        section["classes"] = class_baselines(features, classes, labels, section["features"], scoring)
    scores = combined_scores(features, section, classes, labels)
    section["threshold"] = choose_threshold(scores, quantile, margin)
    return section


def class_baselines(features: np.ndarray, classes: Sequence[str], labels: Sequence[str],
                    global_features: Dict[str, Any], scoring: Dict[str, FeatureScoring]) -> Dict[str, Any]:
    """Per class of `labels`: the number of prompts predicted as it and their feature statistics (a class no
    prompt was predicted as carries the global statistics, which its weight of 0 leaves unused anyway)."""
    classes = np.asarray(classes)
    out = {}
    for label in labels:
        rows = features[classes == label]
        stats = {}
        for i, key in enumerate(FEATURE_KEYS):
            source = feature_statistics(rows[:, i], scoring[key]) if len(rows) else global_features[key]
            stats[key] = {name: source[name] for name in CLASS_STATISTICS}
        out[str(label)] = {"prompts": int(len(rows)), "features": stats}
    return out


def choose_threshold(scores: np.ndarray, quantile: float = THRESHOLD_QUANTILE,
                     margin: float = THRESHOLD_MARGIN) -> float:
    """A high quantile of the training prompts' combined scores, with a margin, never below MIN_THRESHOLD."""
    return float(max(MIN_THRESHOLD, margin * float(np.quantile(scores, quantile))))


# ---------------------------------------------------------------------------------------------------------
# Features of the training prompts as unseen prompts would show them

OUT_OF_FOLD_SPLITS = 5


def out_of_fold_analysis(texts: Sequence[str], labels: Sequence[str], fit, seed: int = 0,
                         splits: int = OUT_OF_FOLD_SPLITS):
    """Every training prompt's features and predicted class as computed by a model that did not see it.

    `fit(texts, labels)` returns a fitted (vectorizer, model). Each prompt is scored by the model fitted on
    the other folds (stratified, seeded), since in-sample figures are flattering: every token of a training
    prompt is in its own vocabulary, and the classifier is over-confident on what it was fitted on. With a
    class too small to split, the model fitted on everything is used instead. Returns (features, predicted
    classes, folds used).
    """
    from sklearn.model_selection import StratifiedKFold

    texts = list(texts)
    labels = list(labels)
    smallest = min(Counter(labels).values())
    folds = min(splits, smallest)
    features = np.zeros((len(texts), len(FEATURE_KEYS)), dtype=np.float64)
    predicted = [None] * len(texts)
    if folds < 2:
        vectorizer, model = fit(texts, labels)
        features, predicted = _analysis_with(vectorizer, model, texts)
        return features, predicted, 1
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)
    for train_rows, test_rows in splitter.split(np.zeros(len(labels)), labels):
        try:
            vectorizer, model = fit([texts[i] for i in train_rows], [labels[i] for i in train_rows])
        except ValueError:
            # A fold too small to build a vocabulary from (tiny data, a high min-df): score in sample.
            vectorizer, model = fit(texts, labels)
            features, predicted = _analysis_with(vectorizer, model, texts)
            return features, predicted, 1
        fold_features, fold_predicted = _analysis_with(vectorizer, model, [texts[i] for i in test_rows])
        features[test_rows] = fold_features
        for row, label in zip(test_rows, fold_predicted):
            predicted[row] = label
    return features, predicted, folds


def out_of_fold_features(texts: Sequence[str], labels: Sequence[str], fit, seed: int = 0,
                         splits: int = OUT_OF_FOLD_SPLITS):
    """The features of out_of_fold_analysis alone: (features, folds used)."""
    features, _, folds = out_of_fold_analysis(texts, labels, fit, seed, splits)
    return features, folds


def anomaly_section(texts: Sequence[str], labels: Sequence[str], fit, seed: int = 0) -> Dict[str, Any]:
    """The weight file's `anomaly` section for a model trained by `fit(texts, labels)` on these rows, with a
    baseline per class (over the prompts each fold's model predicted as that class)."""
    features, predicted, folds = out_of_fold_analysis(texts, labels, fit, seed)
    section = fit_anomaly_section(features, predicted, sorted(set(labels)))
    section["baselineFrom"] = {"prompts": len(texts), "outOfFold": folds > 1, "folds": folds}
    return section


def _analysis_with(vectorizer, model, texts: Sequence[str]):
    """(features, predicted classes) of texts under one fitted pair."""
    extractor = FeatureExtractor(vectorizer)
    prefixes = [extractor.prefix(text) for text in texts]
    if not texts:
        return np.zeros((0, len(FEATURE_KEYS))), []
    probabilities = model.predict_proba(vectorizer.transform(prefixes))
    predicted = [str(model.classes_[i]) for i in np.argmax(probabilities, axis=1)]
    return extractor.matrix(texts, probabilities), predicted


def baselines_for_fitted(vectorizer, model, texts: Sequence[str]) -> Dict[str, Any]:
    """An `anomaly` section for an already fitted pair from texts it was fitted on (in-sample: without labels
    no fold can be held out, so `unknownTokenShare` and `classUncertainty` baselines come out tighter than
    unseen prompts will be). Its class baselines group the texts by the class the model predicts for them."""
    features, predicted = _analysis_with(vectorizer, model, list(texts))
    section = fit_anomaly_section(features, predicted, [str(c) for c in model.classes_])
    section["baselineFrom"] = {"prompts": len(texts), "outOfFold": False}
    return section
