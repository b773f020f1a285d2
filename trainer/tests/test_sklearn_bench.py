import importlib.util
import re
import unittest

import numpy as np

from support import REPO_DIR

from sklearn.feature_extraction.text import CountVectorizer

_spec = importlib.util.spec_from_file_location("sklearn_bench", REPO_DIR / "bench" / "sklearn_bench.py")
sklearn_bench = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(sklearn_bench)


class BenchmarkCorpusTest(unittest.TestCase):
    """The benchmark's inputs keep their shape: the JMH benchmark loads the same files."""

    def test_shouldMakeDistinctSingleTokenWords(self):
        words = sklearn_bench.made_up_words(np.random.default_rng(1), 3000)
        self.assertEqual(len(set(words)), 3000)
        self.assertTrue(all(re.fullmatch(r"[a-z]{2,}", word) for word in words))

    def test_shouldCoverTheWholeLexiconInTrainingRows(self):
        corpus = sklearn_bench.Corpus(seed=3, classes=4, vocabulary=2000, docs_per_class=20)
        texts, labels = corpus.training_rows()
        vectorizer = CountVectorizer(max_features=2000).fit(texts)
        self.assertEqual(len(vectorizer.vocabulary_), 2000)
        self.assertEqual(sorted(set(labels)), ["class_00", "class_01", "class_02", "class_03"])

    def test_shouldWritePromptsOfExactlyTheRequestedLength(self):
        corpus = sklearn_bench.Corpus(seed=3, classes=4, vocabulary=2000, docs_per_class=5)
        for words in (50, 500):
            prompts = corpus.prompts(20, words)
            self.assertEqual({len(p["text"].split()) for p in prompts}, {words})

    def test_shouldBeDeterministicForASeed(self):
        first = sklearn_bench.Corpus(seed=4, classes=3, vocabulary=1000, docs_per_class=5)
        second = sklearn_bench.Corpus(seed=4, classes=3, vocabulary=1000, docs_per_class=5)
        self.assertEqual(first.training_rows(), second.training_rows())
        self.assertEqual(first.prompts(5, 50), second.prompts(5, 50))


if __name__ == "__main__":
    unittest.main()
