"""The head- and tail-words steps: keep the first (or last) N words of each text, for a vectorizer of their own.

A prompt's first words ("translate", "summarise", "write a function") often say more about what is asked than
the rest of it. Put this step in front of a vectorizer inside a FeatureUnion, next to the vectorizer over the
whole text, and the model sees the opening words as features of their own:

    FeatureUnion([("text", TfidfVectorizer()),
                  ("head", Pipeline([("words", HeadWords(8)), ("vectorizer", TfidfVectorizer())]))])

Words are what scikit-learn's default token pattern finds in the text as given (before any lower-casing, which
the vectorizer after this step applies): runs of two or more word characters. They are joined by single spaces,
so the vectorizer after this step finds exactly them again. kroute's Java tokenizer uses the same rule, which
is what lets `trainer/export.py` compile this step.

`TailWords(n)` keeps the last N words of the examined text instead (the first 100,000 UTF-16 units, as the Java
side examines them), for an instruction placed after a long payload ("... Summarise the above.").
"""

import itertools
import numbers
import re

from sklearn.base import BaseEstimator, TransformerMixin

from anomaly_features import examined_prefix

WORD_PATTERN = r"(?u)\b\w\w+\b"
_WORD = re.compile(WORD_PATTERN)


class HeadWords(TransformerMixin, BaseEstimator):
    """Maps each text to its first `n_words` words joined by single spaces (stateless: fit learns nothing)."""

    def __init__(self, n_words=8):
        self.n_words = n_words

    def _validate(self):
        if isinstance(self.n_words, bool) or not isinstance(self.n_words, numbers.Integral) or self.n_words < 1:
            raise ValueError("n_words: expected an integer >= 1, found %r" % (self.n_words,))

    def fit(self, texts, y=None):
        self._validate()
        return self

    def transform(self, texts):
        self._validate()
        if isinstance(texts, str):
            raise ValueError("expected an iterable of texts, found a single string")
        return [head_words(text, self.n_words) for text in texts]

    def _more_tags(self):
        return {"X_types": ["string"], "stateless": True}


def head_words(text, n_words):
    """The first `n_words` words of `text`, joined by single spaces."""
    return " ".join(match.group() for match in itertools.islice(_WORD.finditer(text), n_words))


class TailWords(HeadWords):
    """Maps each text to the last `n_words` words of its examined part joined by single spaces (stateless)."""

    def transform(self, texts):
        self._validate()
        if isinstance(texts, str):
            raise ValueError("expected an iterable of texts, found a single string")
        return [tail_words(text, self.n_words) for text in texts]


def tail_words(text, n_words):
    """The last `n_words` words of the examined part of `text`, joined by single spaces."""
    words = _WORD.findall(examined_prefix(text))
    return " ".join(words[-n_words:]) if n_words <= len(words) else " ".join(words)
