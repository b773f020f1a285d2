import json
import re
import unittest
from collections import Counter

import support  # noqa: F401  (puts trainer/ on the import path)
import synthetic_prompts

TOKEN = re.compile(r"(?u)\b\w\w+\b")
SAMPLE = synthetic_prompts.PromptGenerator(seed=5).prompts(3000)


def best_single_token_f1(rows):
    """For each label, the F1 of the best rule "the prompt contains token T" (scikit-learn's tokens)."""
    per_label = Counter(row["label"] for row in rows)
    with_token = Counter()
    with_token_and_label = Counter()
    for row in rows:
        for token in set(TOKEN.findall(row["text"].lower())):
            with_token[token] += 1
            with_token_and_label[(token, row["label"])] += 1
    best = {}
    for (token, label), both in with_token_and_label.items():
        precision, recall = both / with_token[token], both / per_label[label]
        best[label] = max(best.get(label, 0.0), 2 * precision * recall / (precision + recall))
    return best


class PromptGeneratorTest(unittest.TestCase):

    def test_shouldProduceTheSamePromptsForTheSameSeed(self):
        again = synthetic_prompts.PromptGenerator(seed=5).prompts(3000)
        self.assertEqual(SAMPLE, again)
        other = synthetic_prompts.PromptGenerator(seed=6).prompts(3000)
        self.assertNotEqual(SAMPLE, other)

    def test_shouldUseEveryLabelAndOnlyKnownLabels(self):
        counts = Counter(row["label"] for row in SAMPLE)
        self.assertEqual(set(counts), set(synthetic_prompts.LABELS))
        self.assertTrue(all(count >= 200 for count in counts.values()), counts)

    def test_shouldVaryLengthFromAFewWordsToHundreds(self):
        lengths = sorted(len(row["text"].split()) for row in SAMPLE)
        self.assertLessEqual(lengths[0], 2)
        self.assertGreaterEqual(lengths[-1], 250)
        self.assertGreater(len(set(lengths)), 150)
        self.assertTrue(all(row["text"] == row["text"].strip() and row["text"] for row in SAMPLE))

    def test_shouldMostlyProduceDistinctPrompts(self):
        self.assertGreater(len({row["text"] for row in SAMPLE}), 0.85 * len(SAMPLE))

    def test_shouldIncludeNonEnglishAndNonLatinText(self):
        texts = "\n".join(row["text"] for row in SAMPLE)
        for script, pattern in [("Cyrillic", "[\u0400-\u04ff]"), ("Greek", "[\u0370-\u03ff]"),
                                ("CJK", "[\u4e00-\u9fff]"), ("Japanese kana", "[\u3040-\u30ff]")]:
            self.assertRegex(texts, pattern, script)
        for marker in ["Übersetze", "Résous", "¿Cuánto", "Écris", "Schreibe"]:
            self.assertIn(marker, texts)
        for label in ("code", "math", "conversation", "factual_question", "creative_writing"):
            self.assertTrue(any(not row["text"].isascii() and row["label"] == label for row in SAMPLE), label)

    def test_shouldEmbedCodeTablesJsonAndEmails(self):
        texts = [row["text"] for row in SAMPLE]
        self.assertTrue(any("```" in text and "def " in text for text in texts))
        self.assertTrue(any("|---|" in text for text in texts))
        self.assertTrue(any('"customer":' in text for text in texts))
        self.assertTrue(any(re.search(r"^(Hi|Dear|Hello|Hey) \w+,$", text, re.M) for text in texts))

    def test_shouldContainDeliberatelyAmbiguousPrompts(self):
        def some(label, *words):
            return any(row["label"] == label and all(w in row["text"].lower() for w in words) for row in SAMPLE)
        self.assertTrue(some("code", "translate"))
        self.assertTrue(some("summarization", "proof"))
        self.assertTrue(some("creative_writing", "poem", "recursion") or some("creative_writing", "limerick", "bug"))
        self.assertTrue(some("data_extraction", "?"))
        self.assertTrue(some("translation", "```"))

    def test_shouldNotBeSeparableByAnySingleKeyword(self):
        for label, f1 in best_single_token_f1(SAMPLE).items():
            self.assertLess(f1, 0.65, label)


if __name__ == "__main__":
    unittest.main()
