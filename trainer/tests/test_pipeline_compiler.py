import contextlib
import io
import json
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

import joblib
import numpy as np
from sklearn.calibration import CalibratedClassifierCV
from sklearn.feature_extraction.text import CountVectorizer, HashingVectorizer, TfidfTransformer, TfidfVectorizer
from sklearn.linear_model import LogisticRegression, SGDClassifier
from sklearn.naive_bayes import MultinomialNB
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.svm import LinearSVC

from support import TRAINER_DIR, small_rows, write_jsonl

import pipeline_compiler
import train
from head_words import HeadWords, TailWords, head_words, tail_words

ROWS = small_rows()
TEXTS = [row["text"] for row in ROWS]
LABELS = [row["label"] for row in ROWS]
EXPORT_SCRIPT = TRAINER_DIR / "export.py"


def fitted(pipeline, labels=LABELS):
    # An array, not a list: CalibratedClassifierCV counts the rows of each class with y == label.
    return pipeline.fit(TEXTS, np.asarray(labels, dtype=object))


def head_union(n=3, main=None):
    return FeatureUnion([("text", main or CountVectorizer()),
                         ("head", Pipeline([("words", HeadWords(n)), ("vectorizer", CountVectorizer())]))])


class HeadWordsTest(unittest.TestCase):

    def test_shouldKeepTheFirstWordsAsWrittenJoinedBySpaces(self):
        self.assertEqual(head_words("Translate, please: the Été report!! into FR", 4), "Translate please the Été")
        self.assertEqual(head_words("a I ok", 5), "ok")
        self.assertEqual(head_words("", 3), "")
        self.assertEqual(HeadWords(2).fit(["x"]).transform(["one two three", "solo"]), ["one two", "solo"])

    def test_shouldRefuseABadWordCountAndASingleString(self):
        for bad in (0, -1, 2.5, True):
            with self.subTest(n_words=bad), self.assertRaisesRegex(ValueError, "n_words: expected an integer >= 1"):
                HeadWords(bad).fit(TEXTS)
        with self.assertRaisesRegex(ValueError, "expected an iterable of texts, found a single string"):
            HeadWords(2).transform("one text")

    def test_tailWordsShouldKeepTheLastWordsOfTheExaminedText(self):
        self.assertEqual(tail_words("Long payload here. Translate, please: into FR!!", 4), "Translate please into FR")
        self.assertEqual(tail_words("ok a I", 5), "ok")
        self.assertEqual(tail_words("", 3), "")
        self.assertEqual(TailWords(2).fit(["x"]).transform(["one two three", "solo"]), ["two three", "solo"])
        # Java examines the first 100,000 UTF-16 units; a word after them is not a tail word.
        self.assertEqual(tail_words("alpha beta " + " " * 100_000 + "unseen", 2), "alpha beta")
        with self.assertRaisesRegex(ValueError, "expected an iterable of texts, found a single string"):
            TailWords(2).transform("one text")

    def test_shouldGiveTheHeadVectorizerExactlyTheHeadWordsAgain(self):
        analyzer = CountVectorizer().build_analyzer()
        for text in TEXTS[:20] + ["ΟΔΟΣ'Α tail", "İstanbul İzmir and more words"]:
            head = head_words(text, 3)
            self.assertEqual(analyzer(head)[:3], analyzer(head))


class ExportTest(unittest.TestCase):

    def export(self, pipeline, golden=TEXTS[:6]):
        return train.export_pipeline(pipeline, golden_texts=golden)

    def test_shouldWriteVersionOneForWhatVersionOneCanHold(self):
        document = self.export(fitted(Pipeline([("v", CountVectorizer()), ("m", MultinomialNB())])))
        self.assertEqual(document["formatVersion"], 1)
        self.assertIn("vectorizer", document)
        self.assertNotIn("vectorizers", document)

    def test_shouldWriteTheUnionInColumnOrderWithItsHeadWords(self):
        pipeline = fitted(Pipeline([("features", head_union(3, TfidfVectorizer(analyzer="char_wb",
                                                                                ngram_range=(2, 3)))),
                                    ("model", LogisticRegression(max_iter=500))]))
        document = self.export(pipeline)
        self.assertEqual(document["formatVersion"], 2)
        parts = document["vectorizers"]
        self.assertEqual([(p["name"], p["analyzer"], p["headWords"]) for p in parts],
                         [("text", "char_wb", None), ("head", "word", 3)])
        self.assertIsNone(parts[0]["tokenPattern"])
        columns = sum(len(p["vocabulary"]) for p in parts)
        model = document["model"]
        self.assertEqual((model["kind"], model["probability"]), ("logistic_regression", "softmax"))
        self.assertEqual(np.asarray(model["coef"]).shape, (3, columns))
        self.assertEqual(document["pipeline"]["class"], "Pipeline")
        self.assertEqual(document["pipeline"]["steps"][0]["steps"][1]["steps"][0]["parameters"], {"n_words": 3})

    def test_shouldRecordTheProbabilityRuleOfEachLinearModel(self):
        binary = ["cooking" if label == "cooking" else "other" for label in LABELS]
        cases = [(LogisticRegression(multi_class="ovr"), LABELS, "probability", "ovr"),
                 (LogisticRegression(solver="liblinear"), LABELS, "probability", "ovr"),
                 (LogisticRegression(), binary, "probability", "ovr"),
                 (LogisticRegression(multi_class="multinomial"), binary, "probability", "softmax"),
                 (SGDClassifier(loss="modified_huber", random_state=0), LABELS, "loss", "modified_huber"),
                 (SGDClassifier(loss="log_loss", random_state=0), binary, "loss", "log_loss")]
        for model, labels, member, expected in cases:
            with self.subTest(model=model, classes=len(set(labels))):
                document = self.export(fitted(Pipeline([("v", CountVectorizer()), ("m", model)]), labels))
                self.assertEqual(document["model"][member], expected)
                rows = len(document["model"]["coef"])
                self.assertEqual(rows, 1 if len(set(labels)) == 2 else 3)

    def test_shouldPairEachCalibratedColumnWithItsClassAsScikitLearnDoes(self):
        binary = ["cooking" if label == "cooking" else "other" for label in LABELS]
        for labels, ensemble, expected_targets, folds in [(LABELS, True, [0, 1, 2], 3), (binary, False, [1], 1)]:
            with self.subTest(classes=len(set(labels)), ensemble=ensemble):
                model = CalibratedClassifierCV(LinearSVC(random_state=0), method="sigmoid", cv=3, ensemble=ensemble)
                document = self.export(fitted(Pipeline([("v", TfidfVectorizer()), ("m", model)]), labels))
                estimators = document["model"]["estimators"]
                self.assertEqual(len(estimators), folds)
                for estimator in estimators:
                    self.assertEqual(estimator["targets"], expected_targets)
                    self.assertEqual(len(estimator["sigmoidA"]), len(estimator["coef"]))
                    self.assertEqual(estimator["estimator"], "LinearSVC")

    def test_shouldAcceptThreeStepsWithHeadWordsFirst(self):
        pipeline = fitted(Pipeline([("w", HeadWords(2)), ("v", CountVectorizer()), ("m", MultinomialNB())]))
        document = self.export(pipeline)
        self.assertEqual(document["vectorizers"][0]["headWords"], 2)


class RefusalTest(unittest.TestCase):

    def assertRefused(self, pipeline, *fragments, labels=LABELS):
        fitted(pipeline, labels)
        with self.assertRaises(pipeline_compiler.UnsupportedModelError) as raised:
            train.export_pipeline(pipeline, golden_texts=TEXTS[:3])
        for fragment in fragments:
            self.assertIn(fragment, str(raised.exception))

    def test_shouldRefuseAnUnsupportedStepNamingItAndListingWhatIsSupported(self):
        self.assertRefused(Pipeline([("hash", HashingVectorizer(alternate_sign=False)), ("m", MultinomialNB())]),
                           "found HashingVectorizer", "supported features: CountVectorizer, TfidfVectorizer")
        self.assertRefused(Pipeline([("v", CountVectorizer()), ("t", TfidfTransformer()), ("m", MultinomialNB())]),
                           "expected two steps [features, model], found 3", "t (TfidfTransformer)")
        self.assertRefused(Pipeline([("features", FeatureUnion([("a", CountVectorizer()),
                                                                 ("b", Pipeline([("c", CountVectorizer()),
                                                                                 ("t", TfidfTransformer())]))])),
                                     ("m", MultinomialNB())]), "step 'b'",
                           "found Pipeline of ['CountVectorizer', 'TfidfTransformer']")

    def test_shouldRefuseABareLinearSvcWithAdvice(self):
        self.assertRefused(Pipeline([("v", CountVectorizer()), ("m", LinearSVC())]),
                           "LinearSVC has no predict_proba", "CalibratedClassifierCV(LinearSVC(), method='sigmoid')")

    def test_shouldRefuseIsotonicCalibration(self):
        self.assertRefused(Pipeline([("v", CountVectorizer()),
                                     ("m", CalibratedClassifierCV(LinearSVC(), method="isotonic", cv=2))]),
                           "method: expected 'sigmoid', found 'isotonic'")

    def test_shouldRefuseWhatJavaCannotReproduceNamingTheParameterAndValue(self):
        union = FeatureUnion([("words", CountVectorizer()), ("chars", CountVectorizer(analyzer="char",
                                                                                       strip_accents="unicode"))])
        self.assertRefused(Pipeline([("f", union), ("m", MultinomialNB())]),
                           "vectorizer 'chars' strip_accents", "found 'unicode'")
        self.assertRefused(Pipeline([("v", CountVectorizer(tokenizer=str.split, token_pattern=None)),
                                     ("m", MultinomialNB())]), "tokenizer: expected None", "found <method")
        self.assertRefused(Pipeline([("v", CountVectorizer(preprocessor=str.strip)), ("m", MultinomialNB())]),
                           "preprocessor: expected None")
        self.assertRefused(Pipeline([("v", CountVectorizer(token_pattern=r"\S+")), ("m", MultinomialNB())]),
                           "token_pattern", r"found '\\S+'")

    def test_shouldCompileACharacterAnalyzerAfterTheHeadOrTailWords(self):
        head = Pipeline([("w", HeadWords(3)), ("v", CountVectorizer(analyzer="char_wb", ngram_range=(2, 3)))])
        tail = Pipeline([("w", TailWords(2)), ("v", CountVectorizer(analyzer="char"))])
        document = train.export_pipeline(fitted(Pipeline([("f", FeatureUnion([("head", head), ("tail", tail)])),
                                                            ("m", LogisticRegression(max_iter=200))])),
                                         golden_texts=TEXTS[:6])
        self.assertEqual([(v["analyzer"], v["headWords"], v.get("tailWords")) for v in document["vectorizers"]],
                         [("char_wb", 3, None), ("char", None, 2)])

    def test_shouldRefuseTransformerWeights(self):
        union = FeatureUnion([("a", CountVectorizer()), ("b", CountVectorizer())], transformer_weights={"a": 2.0})
        self.assertRefused(Pipeline([("f", union), ("m", MultinomialNB())]),
                           "transformer_weights: expected None, found {'a': 2.0}")


class TrainCommandTest(unittest.TestCase):

    def test_shouldTrainTheNewOptionsEndToEnd(self):
        with tempfile.TemporaryDirectory() as directory:
            data = Path(directory) / "rows.jsonl"
            write_jsonl(data, ROWS)
            for arguments, kind, parts in [
                    (["--head-words", "3", "--model", "cnb", "--vectorizer", "tfidf"], "complement_nb",
                     [("text", "word", None, None), ("head", "word", 3, None)]),
                    (["--head-words", "2", "--tail-words", "3", "--model", "logreg", "--vectorizer", "tfidf",
                      "--ends-char-ngrams", "2", "3"], "logistic_regression",
                     [("text", "word", None, None), ("head", "word", 2, None), ("tail", "word", None, 3),
                      ("head_chars", "char_wb", 2, None), ("tail_chars", "char_wb", None, 3)]),
                    (["--analyzer", "char_wb", "--ngram-min", "2", "--ngram-max", "4", "--vectorizer", "tfidf",
                      "--sublinear-tf", "--max-df", "0.9", "--model", "logreg"], "logistic_regression",
                     [("", "char_wb", None, None)]),
                    (["--model", "sgd", "--sgd-loss", "modified_huber"], "sgd_classifier",
                     [("", "word", None, None)]),
                    (["--model", "linearsvc", "--ensemble", "false"], "calibrated_classifier",
                     [("", "word", None, None)])]:
                with self.subTest(arguments=arguments):
                    out = Path(directory) / "w.json"
                    with contextlib.redirect_stdout(io.StringIO()):
                        status = train.main(["--data", str(data), "--out", str(out), "--golden", "5"] + arguments)
                    self.assertEqual(status, 0)
                    document = json.loads(out.read_bytes())
                    self.assertEqual(document["formatVersion"], 2)
                    self.assertEqual(document["model"]["kind"], kind)
                    self.assertEqual([(v["name"], v["analyzer"], v["headWords"], v.get("tailWords"))
                                      for v in document["vectorizers"]], parts)
                    self.assertIn("anomaly", document)


class ExportCommandTest(unittest.TestCase):

    def test_shouldCompileAPipelineSavedWithJoblib(self):
        with tempfile.TemporaryDirectory() as directory:
            directory = Path(directory)
            pipeline = fitted(Pipeline([("features", head_union(2, TfidfVectorizer(sublinear_tf=True))),
                                        ("model", SGDClassifier(loss="log_loss", random_state=0))]))
            joblib.dump(pipeline, directory / "pipeline.joblib")
            write_jsonl(directory / "texts.jsonl", ROWS)
            result = subprocess.run([sys.executable, str(EXPORT_SCRIPT), "--pipeline",
                                     str(directory / "pipeline.joblib"), "--out", str(directory / "w.json"),
                                     "--texts", str(directory / "texts.jsonl"), "--golden", "8"],
                                    capture_output=True, text=True, timeout=120)
            self.assertEqual(result.returncode, 0, result.stderr)
            summary = json.loads(result.stdout)
            self.assertEqual((summary["formatVersion"], summary["model"], summary["goldenVectors"]),
                             (2, "sgd_classifier", 8))
            raw = (directory / "w.json").read_bytes()
            self.assertTrue(train.checksum_matches(raw))
            document = json.loads(raw)
            self.assertIn("anomaly", document)
            golden = document["golden"]["vectors"]
            np.testing.assert_array_equal([g["probabilities"] for g in golden],
                                          pipeline.predict_proba([g["text"] for g in golden]))

    def test_shouldRefuseAnUnsupportedPipelineWithStatusOne(self):
        with tempfile.TemporaryDirectory() as directory:
            path = Path(directory) / "svc.joblib"
            joblib.dump(fitted(Pipeline([("v", CountVectorizer()), ("m", LinearSVC())])), path)
            result = subprocess.run([sys.executable, str(EXPORT_SCRIPT), "--pipeline", str(path), "--out",
                                     str(Path(directory) / "w.json")], capture_output=True, text=True, timeout=120)
            self.assertEqual(result.returncode, 1)
            self.assertIn("export.py: model: LinearSVC has no predict_proba", result.stderr)
            self.assertFalse((Path(directory) / "w.json").exists())


if __name__ == "__main__":
    unittest.main()
