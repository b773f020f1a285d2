import contextlib
import hashlib
import io
import json
import os
import re
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

import numpy as np

from support import TRAIN_SCRIPT, reference_probabilities, small_rows, write_jsonl

import train
from sklearn.feature_extraction.text import CountVectorizer, HashingVectorizer, TfidfVectorizer
from sklearn.linear_model import LogisticRegression, SGDClassifier
from sklearn.svm import LinearSVC
from sklearn.naive_bayes import BernoulliNB, ComplementNB, MultinomialNB

ROWS = small_rows()
TEXTS = [row["text"] for row in ROWS]
LABELS = [row["label"] for row in ROWS]
VARIABLE_MEMBERS = ("modelVersion", "createdAt", "checksum")


def run_cli(*arguments, env=None):
    return subprocess.run([sys.executable, str(TRAIN_SCRIPT), *arguments], capture_output=True, text=True,
                          env=env, timeout=120)


def run_main(*arguments):
    """The command line in process (the end-to-end test runs it as a separate program)."""
    errors = io.StringIO()
    with contextlib.redirect_stderr(errors), contextlib.redirect_stdout(io.StringIO()):
        try:
            code = train.main(list(arguments))
        except SystemExit as exit:
            code = exit.code
    return code, errors.getvalue()


def fitted(vectorizer, model=None, texts=TEXTS, labels=LABELS):
    features = vectorizer.fit_transform(texts)
    model = model if model is not None else MultinomialNB()
    model.fit(features, labels)
    return vectorizer, model


class CommandLineTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.directory = tempfile.TemporaryDirectory()
        cls.data = Path(cls.directory.name) / "rows.jsonl"
        write_jsonl(cls.data, ROWS)
        cls.out = Path(cls.directory.name) / "weights.json"
        cls.result = run_cli("--data", str(cls.data), "--out", str(cls.out), "--golden", "12", "--seed", "3")
        cls.raw = cls.out.read_bytes() if cls.out.exists() else b""
        cls.document = json.loads(cls.raw) if cls.raw else None

    @classmethod
    def tearDownClass(cls):
        cls.directory.cleanup()

    def test_shouldWriteWeightFileAndSummaryFromTheCommandLine(self):
        self.assertEqual(self.result.returncode, 0, self.result.stderr)
        summary = json.loads(self.result.stdout)
        self.assertEqual(summary["rows"], len(ROWS))
        self.assertEqual(summary["classes"], 3)
        self.assertEqual(summary["bytes"], len(self.raw))

    def test_shouldTrainOnEveryRowWithDefaultSettings(self):
        training = self.document["training"]
        self.assertEqual(training["rows"], len(ROWS))
        self.assertEqual(training["labelCounts"], {"cooking": 30, "finance": 30, "sport": 30})
        self.assertEqual(training["parameters"], {"vectorizer": "count", "ngramMax": 1, "model": "mnb",
                                                  "alpha": 1.0, "minDf": 1, "maxFeatures": None,
                                                  "analyzer": "word", "ngramMin": 1, "sublinearTf": False,
                                                  "maxDf": 1.0, "headWords": None, "tailWords": None,
                                                  "endsCharNgrams": None,
                                                  "sgdLoss": "log_loss",
                                                  "ensemble": True})
        self.assertEqual(training["dataFingerprint"], "sha256:" + hashlib.sha256(self.data.read_bytes()).hexdigest())
        vectorizer, model = fitted(CountVectorizer())
        self.assertEqual(self.document["vectorizer"]["vocabulary"], list(vectorizer.get_feature_names_out()))
        self.assertEqual(self.document["model"]["featureLogProb"], model.feature_log_prob_.tolist())

    def test_shouldWriteCompactUtf8WithChecksumLast(self):
        self.assertIn("é".encode("utf-8"), self.raw)
        self.assertNotIn(b"\\u00e9", self.raw)
        self.assertNotIn(b"\n", self.raw)
        self.assertTrue(self.raw.startswith(b'{"format":"kroute-weights","formatVersion":1,'))
        self.assertRegex(self.raw.decode("utf-8"), r',"checksum":"sha256:[0-9a-f]{64}"}$')
        self.assertEqual(list(self.document)[-1], "checksum")

    def test_shouldVerifyChecksumAndDetectAFlippedByte(self):
        self.assertTrue(train.checksum_matches(self.raw))
        position = self.raw.index(b'"featureLogProb":[[') + 25
        flipped = self.raw[:position] + bytes([self.raw[position] ^ 0x01]) + self.raw[position + 1:]
        self.assertFalse(train.checksum_matches(flipped))
        digits = self.raw[-66:-2]
        self.assertFalse(train.checksum_matches(self.raw[:-66] + digits[::-1] + self.raw[-2:]))

    def test_shouldHaveEveryDocumentedMemberWellTyped(self):
        d = self.document
        self.assertEqual(list(d), ["format", "formatVersion", "modelName", "modelVersion", "createdAt", "training",
                                   "vectorizer", "model", "quality", "golden", "pipeline", "anomaly", "checksum"])
        self.assertEqual((d["format"], d["formatVersion"], d["modelName"]), ("kroute-weights", 1, "default"))
        self.assertRegex(d["modelVersion"], r"^\d{8}T\d{6}Z-[0-9a-f]{8}$")
        self.assertRegex(d["createdAt"], r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")
        self.assertEqual(d["modelVersion"][:8], d["createdAt"][:10].replace("-", ""))
        training = d["training"]
        self.assertRegex(training["dataFingerprint"], r"^sha256:[0-9a-f]{64}$")
        self.assertIsInstance(training["sklearnVersion"], str)
        self.assertIsInstance(training["pythonVersion"], str)
        vectorizer = d["vectorizer"]
        self.assertEqual(vectorizer["kind"], "count")
        self.assertIs(vectorizer["lowercase"], True)
        self.assertEqual(vectorizer["tokenPattern"], r"(?u)\b\w\w+\b")
        self.assertEqual(vectorizer["ngramRange"], [1, 1])
        self.assertIs(vectorizer["binary"], False)
        self.assertIsNone(vectorizer["stopWords"])
        self.assertTrue(all(isinstance(term, str) for term in vectorizer["vocabulary"]))
        self.assertEqual(len(set(vectorizer["vocabulary"])), len(vectorizer["vocabulary"]))
        for member in ("idf", "norm", "sublinearTf"):
            self.assertNotIn(member, vectorizer)
        model = d["model"]
        self.assertEqual(model["kind"], "multinomial_nb")
        self.assertEqual(model["classes"], ["cooking", "finance", "sport"])
        self.assertEqual(len(model["featureLogProb"]), 3)
        for row in model["featureLogProb"]:
            self.assertEqual(len(row), len(vectorizer["vocabulary"]))
            self.assertTrue(all(isinstance(x, float) and np.isfinite(x) for x in row))
        self.assertEqual(model["jointLogLikelihoodOffset"], [np.log(30) - np.log(90)] * 3)
        quality = d["quality"]
        self.assertEqual(list(quality), ["accuracy", "macroF1", "perClassF1", "heldOutFraction", "splitSeed",
                                         "heldOutRows"])
        self.assertTrue(0.0 <= quality["accuracy"] <= 1.0)
        self.assertTrue(0.0 <= quality["macroF1"] <= 1.0)
        self.assertEqual(sorted(quality["perClassF1"]), model["classes"])
        self.assertEqual((quality["heldOutFraction"], quality["splitSeed"], quality["heldOutRows"]), (0.2, 3, 18))
        golden = d["golden"]
        self.assertEqual(golden["tolerance"], 1e-9)
        self.assertEqual(len(golden["vectors"]), 12)
        for vector in golden["vectors"]:
            self.assertEqual(sorted(vector), ["label", "probabilities", "text"])
            self.assertIn(vector["label"], model["classes"])
            self.assertEqual(len(vector["probabilities"]), 3)
            self.assertAlmostEqual(sum(vector["probabilities"]), 1.0, places=12)

    def test_shouldLeadGoldenVectorsWithEmptyUnknownAndNonAsciiTexts(self):
        vectors = self.document["golden"]["vectors"]
        vocabulary = set(self.document["vectorizer"]["vocabulary"])
        self.assertEqual(vectors[0]["text"], "")
        self.assertTrue(vectors[1]["text"])
        self.assertFalse(set(vectors[1]["text"].split()) & vocabulary)
        priors = np.exp(self.document["model"]["jointLogLikelihoodOffset"])
        np.testing.assert_allclose(vectors[0]["probabilities"], priors, rtol=0, atol=1e-15)
        np.testing.assert_allclose(vectors[1]["probabilities"], priors, rtol=0, atol=1e-15)
        self.assertFalse(vectors[2]["text"].isascii())
        self.assertTrue(set(v["text"] for v in vectors[3:]) <= set(TEXTS))

    def test_shouldReproduceGoldenVectorsFromTheDocumentAlone(self):
        for vector in self.document["golden"]["vectors"]:
            np.testing.assert_allclose(reference_probabilities(self.document, vector["text"]),
                                       vector["probabilities"], rtol=0, atol=1e-12)


class ReExecutionTest(unittest.TestCase):

    def test_shouldReRunUnderDebianPythonWhenSklearnIsMissing(self):
        with tempfile.TemporaryDirectory() as directory:
            data = Path(directory) / "rows.jsonl"
            write_jsonl(data, ROWS)
            env = {k: v for k, v in os.environ.items() if k != "KROUTE_TRAINER_REEXECUTED"}
            # -S hides site-packages, so this interpreter cannot import scikit-learn.
            result = subprocess.run([train.FALLBACK_PYTHON, "-S", str(TRAIN_SCRIPT), "--data", str(data),
                                     "--out", str(Path(directory) / "w.json")],
                                    capture_output=True, text=True, env=env, timeout=120)
            self.assertEqual(result.returncode, 0, result.stderr)
            self.assertIn("re-running under /usr/bin/python3", result.stderr)
            self.assertTrue(train.checksum_matches((Path(directory) / "w.json").read_bytes()))

    def test_shouldFailClearlyWhenNoInterpreterHasSklearn(self):
        env = dict(os.environ, KROUTE_TRAINER_REEXECUTED="1")
        result = subprocess.run([train.FALLBACK_PYTHON, "-S", str(TRAIN_SCRIPT), "--data", "x", "--out", "y"],
                                capture_output=True, text=True, env=env, timeout=60)
        self.assertEqual(result.returncode, 2)
        self.assertIn("apt-get install -y python3-sklearn", result.stderr)


class ModelVariantsTest(unittest.TestCase):

    def assertReproduces(self, options, tolerance):
        trained = train.train(TEXTS, LABELS, options)
        document = json.loads(trained.encode())
        vectors = document["golden"]["vectors"]
        self.assertEqual(len(vectors), options.golden)
        probabilities = trained.model.predict_proba(trained.vectorizer.transform([v["text"] for v in vectors]))
        self.assertEqual([v["probabilities"] for v in vectors], probabilities.tolist())
        for vector in vectors:
            np.testing.assert_allclose(reference_probabilities(document, vector["text"]), vector["probabilities"],
                                       rtol=0, atol=tolerance)
        return document

    def test_shouldExportComplementNbWithZeroOffsets(self):
        document = self.assertReproduces(train.TrainingOptions(model="cnb", alpha=0.5), 1e-12)
        self.assertEqual(document["model"]["kind"], "complement_nb")
        self.assertEqual(document["model"]["jointLogLikelihoodOffset"], [0.0, 0.0, 0.0])
        self.assertEqual(document["training"]["parameters"]["alpha"], 0.5)

    def test_shouldExportTfidfWithIdfNormAndSublinearFlag(self):
        document = self.assertReproduces(train.TrainingOptions(vectorizer="tfidf", ngram_max=2), 1e-12)
        vectorizer = document["vectorizer"]
        self.assertEqual(vectorizer["kind"], "tfidf")
        self.assertEqual(vectorizer["ngramRange"], [1, 2])
        self.assertIn("simmer the", vectorizer["vocabulary"])
        self.assertEqual(len(vectorizer["idf"]), len(vectorizer["vocabulary"]))
        self.assertEqual((vectorizer["norm"], vectorizer["sublinearTf"]), ("l2", False))

    def test_shouldExportTfidfComplementNbWithMinDfAndMaxFeatures(self):
        document = self.assertReproduces(train.TrainingOptions(vectorizer="tfidf", model="cnb", ngram_max=3,
                                                               min_df=2, max_features=40, golden=5), 1e-12)
        self.assertEqual(len(document["vectorizer"]["vocabulary"]), 40)

    def test_shouldExportAlreadyFittedVariantsJavaCanReproduce(self):
        variants = [
            TfidfVectorizer(sublinear_tf=True, norm="l1", smooth_idf=False, binary=True),
            TfidfVectorizer(use_idf=False, norm=None, lowercase=False),
            CountVectorizer(stop_words="english", ngram_range=(2, 3)),
            CountVectorizer(stop_words=["the", "a", "de"], binary=True),
        ]
        golden = ["The sauce, the sauce!", "", "процентная ставка банка"] + TEXTS[:5]
        for vectorizer in variants:
            with self.subTest(vectorizer=vectorizer):
                vectorizer, model = fitted(vectorizer, ComplementNB())
                document = json.loads(train.encode_weight_file(
                    train.export_weights(vectorizer, model, golden_texts=golden)))
                for vector in document["golden"]["vectors"]:
                    np.testing.assert_allclose(reference_probabilities(document, vector["text"]),
                                               vector["probabilities"], rtol=0, atol=1e-12)
        english = json.loads(train.encode_weight_file(train.export_weights(
            *fitted(CountVectorizer(stop_words="english")), golden_texts=golden)))
        self.assertIn("the", english["vectorizer"]["stopWords"])
        self.assertEqual(english["vectorizer"]["stopWords"], sorted(english["vectorizer"]["stopWords"]))
        without_idf = train.export_weights(*fitted(TfidfVectorizer(use_idf=False)), golden_texts=golden)
        self.assertEqual(set(without_idf["vectorizer"]["idf"]), {1.0})

    def test_shouldAddThePriorForASingleClassComplementNb(self):
        vectorizer, model = fitted(CountVectorizer(), ComplementNB(), TEXTS[:5], ["only"] * 5)
        document = train.export_weights(vectorizer, model, golden_texts=["simmer"])
        self.assertEqual(document["model"]["jointLogLikelihoodOffset"], [0.0])
        self.assertEqual(document["golden"]["vectors"][0]["probabilities"], [1.0])

    def test_shouldKeepOptionalSectionsBeforeTheChecksum(self):
        document = train.export_weights(*fitted(CountVectorizer()), golden_texts=["x"])
        document["anomaly"] = {"features": ["length"], "mean": [1.5]}
        raw = train.encode_weight_file(document)
        self.assertTrue(train.checksum_matches(raw))
        self.assertEqual(list(json.loads(raw))[-2:], ["anomaly", "checksum"])
        self.assertNotIn("checksum", document)


class RefusalTest(unittest.TestCase):

    def assertRefused(self, vectorizer, expected_fragments, model=None):
        vectorizer, model = fitted(vectorizer, model)
        with self.assertRaises(train.UnsupportedModelError) as raised:
            train.export_weights(vectorizer, model, golden_texts=["text"])
        for fragment in expected_fragments:
            self.assertIn(fragment, str(raised.exception))

    def test_shouldRefuseCharacterNGramsLongerThanTheReaderAccepts(self):
        self.assertRefused(CountVectorizer(analyzer="char", ngram_range=(1, 17)),
                           ["ngram_range", "1 <= min <= max <= 16", "found (1, 17)"])

    def test_shouldRefuseCallableAnalyzer(self):
        self.assertRefused(CountVectorizer(analyzer=str.split), ["analyzer", "expected 'word'", "found <method"])

    def test_shouldRefuseCustomTokenizer(self):
        self.assertRefused(CountVectorizer(tokenizer=str.split, token_pattern=None),
                           ["tokenizer", "expected None", "found"])

    def test_shouldRefuseCustomPreprocessor(self):
        self.assertRefused(CountVectorizer(preprocessor=str.upper), ["preprocessor", "expected None"])

    def test_shouldRefuseNonDefaultTokenPattern(self):
        self.assertRefused(CountVectorizer(token_pattern=r"(?u)\b\w+\b"),
                           ["token_pattern", r"expected scikit-learn's default", r"found '(?u)\\b\\w+\\b'"])

    def test_shouldRefuseAccentStripping(self):
        self.assertRefused(CountVectorizer(strip_accents="unicode"), ["strip_accents", "found 'unicode'"])
        self.assertRefused(TfidfVectorizer(strip_accents="ascii"), ["strip_accents", "found 'ascii'"])

    def test_shouldRefuseNonDefaultDtype(self):
        self.assertRefused(CountVectorizer(dtype=np.float32), ["dtype", "expected the default int64", "found 'float32'"])
        self.assertRefused(TfidfVectorizer(dtype=np.float32), ["expected the default float64", "found 'float32'"])

    def test_shouldRefuseFileInput(self):
        vectorizer, model = fitted(CountVectorizer())
        vectorizer.set_params(input="filename")
        with self.assertRaisesRegex(train.UnsupportedModelError, "input: expected 'content'.*found 'filename'"):
            train.check_exportable(vectorizer, model)

    def test_shouldRefuseStopWordsThatAreNotAList(self):
        vectorizer, model = fitted(CountVectorizer())
        vectorizer.set_params(stop_words="french")
        with self.assertRaisesRegex(train.UnsupportedModelError, "stop_words: expected None, 'english' or a list"):
            train.check_exportable(vectorizer, model)

    def test_shouldRefuseOtherVectorizersAndModels(self):
        with self.assertRaisesRegex(train.UnsupportedModelError, "expected a CountVectorizer or TfidfVectorizer, "
                                                                 "found HashingVectorizer"):
            train.check_exportable(HashingVectorizer(), MultinomialNB())
        self.assertRefused(CountVectorizer(), ["model: expected one of MultinomialNB, ComplementNB, "
                                               "LogisticRegression", "found BernoulliNB"], BernoulliNB())
        self.assertRefused(CountVectorizer(), ["LinearSVC has no predict_proba",
                                               "CalibratedClassifierCV(LinearSVC(), method='sigmoid')"], LinearSVC())
        self.assertRefused(CountVectorizer(), ["SGDClassifier loss: expected 'log_loss' or 'modified_huber'",
                                               "found 'hinge'"], SGDClassifier())

    def test_shouldRefuseUnfittedParts(self):
        vectorizer, model = fitted(CountVectorizer())
        with self.assertRaisesRegex(train.UnsupportedModelError, "expected a fitted vectorizer"):
            train.check_exportable(CountVectorizer(), model)
        with self.assertRaisesRegex(train.UnsupportedModelError, "expected a fitted model"):
            train.check_exportable(vectorizer, MultinomialNB())

    def test_shouldRefuseMismatchedVocabularyAndModel(self):
        vectorizer, _ = fitted(CountVectorizer())
        _, model = fitted(CountVectorizer(max_features=10))
        with self.assertRaisesRegex(train.UnsupportedModelError, r"expected feature_log_prob_ of shape \(classes, "
                                                                 r"\d+\).*found \(3, 10\)"):
            train.check_exportable(vectorizer, model)

    def test_shouldRefuseNonStringClassLabels(self):
        vectorizer, model = fitted(CountVectorizer(), labels=[len(label) for label in LABELS])
        with self.assertRaisesRegex(train.UnsupportedModelError, "expected string labels, found 5 of type int64"):
            train.check_exportable(vectorizer, model)

    def test_shouldRefuseTermsLongerThanTheReaderAccepts(self):
        long_word = "x" * (train.MAX_TERM_CHARS + 1)
        vectorizer, model = fitted(CountVectorizer(), texts=TEXTS[:-1] + [long_word], labels=LABELS)
        with self.assertRaisesRegex(train.UnsupportedModelError, "at most 1024 characters, found one of 1025"):
            train.check_exportable(vectorizer, model)

    def test_shouldRefuseInvalidOptions(self):
        for options, message in [(train.TrainingOptions(ngram_max=0), "ngram-max: expected an integer >= 1, found 0"),
                                 (train.TrainingOptions(alpha=-1.0), "alpha: expected a finite number >= 0"),
                                 (train.TrainingOptions(model="svm"),
                                  "model: expected one of mnb, cnb, logreg, linearsvc, sgd, found 'svm'"),
                                 (train.TrainingOptions(ngram_min=3, ngram_max=2),
                                  "ngram-min: expected at most ngram-max (2), found 3"),
                                 (train.TrainingOptions(sublinear_tf=True),
                                  "sublinear-tf: expected --vectorizer tfidf with it, found 'count'"),
                                 (train.TrainingOptions(max_df=0.0), "max-df: expected a fraction of rows in (0, 1]"),
                                 (train.TrainingOptions(head_words=0), "head-words: expected an integer >= 1, found 0"),
                                 (train.TrainingOptions(golden=2), "golden: expected an integer >= 3, found 2")]:
            with self.subTest(message=message), self.assertRaisesRegex(ValueError, re.escape(message)):
                train.train(TEXTS, LABELS, options)

    def test_shouldRefuseInvalidOptionsOnTheCommandLine(self):
        code, stderr = run_main("--data", "x.jsonl", "--out", "y.json", "--ngram-max", "0")
        self.assertEqual(code, 2)
        self.assertIn("--ngram-max: expected an integer >= 1, found 0", stderr)

    def test_shouldExplainAVocabularyThatPrunesToNothing(self):
        with self.assertRaisesRegex(train.TrainingDataError, "cannot build a vocabulary from 90 rows with min-df=1000"):
            train.train(TEXTS, LABELS, train.TrainingOptions(min_df=1000))


class TrainingDataTest(unittest.TestCase):

    def assertBadLine(self, raw, fragment):
        with self.assertRaises(train.TrainingDataError) as raised:
            train.parse_training_data(raw, source="rows.jsonl")
        self.assertIn(fragment, str(raised.exception))

    def test_shouldNameFileAndLineOfInvalidJson(self):
        good = b'{"text": "a b", "label": "x"}\n'
        self.assertBadLine(good + good + b'{"text": "broken\n', "rows.jsonl:3: expected a JSON object, found invalid JSON")

    def test_shouldRefuseRowsThatAreNotObjects(self):
        self.assertBadLine(b'{"text": "a", "label": "x"}\n["a", "x"]\n', "rows.jsonl:2: expected a JSON object, "
                                                                       "found a JSON array")

    def test_shouldRefuseMissingOrMistypedMembers(self):
        self.assertBadLine(b'{"text": "a"}\n', 'rows.jsonl:1: expected a "label" member, found only [\'text\']')
        self.assertBadLine(b'{"text": 5, "label": "x"}\n', 'rows.jsonl:1: expected "text" to be a string, '
                                                           'found a JSON number')
        self.assertBadLine(b'{"text": "a", "label": null}\n', 'expected "label" to be a string, found a JSON null')
        self.assertBadLine(b'{"text": "a", "label": " "}\n', 'rows.jsonl:1: expected a non-empty "label"')
        self.assertBadLine(b'{"text": "a", "label": "\\ud800"}\n', 'rows.jsonl:1: expected "label" to be valid Unicode')

    def test_shouldRefuseEmptyLinesAndInvalidUtf8(self):
        self.assertBadLine(b'{"text": "a", "label": "x"}\n\n{"text": "a", "label": "x"}\n',
                           "rows.jsonl:2: expected a JSON object")
        self.assertBadLine(b'{"text": "a", "label": "x"}\n{"text": "\xff", "label": "x"}\n',
                           "rows.jsonl:2: expected UTF-8 text, found an invalid byte at column 11")
        self.assertBadLine(b"", "rows.jsonl: expected at least one row, found none")

    def test_shouldTrainOnTextsWithUnpairedSurrogatesButKeepThemOutOfGoldenVectors(self):
        texts = TEXTS + ["simmer the sauce \ud800 today"]
        trained = train.train(texts, LABELS + ["cooking"], train.TrainingOptions(golden=200))
        raw = trained.encode()
        self.assertTrue(train.checksum_matches(raw))
        self.assertNotIn(texts[-1], [v["text"] for v in json.loads(raw)["golden"]["vectors"]])

    def test_shouldAcceptALastLineWithoutNewlineAndExtraMembers(self):
        texts, labels = train.parse_training_data(b'{"text": "a", "label": "x", "id": 1}\n{"text": "", "label": "y"}')
        self.assertEqual((texts, labels), (["a", ""], ["x", "y"]))

    def test_shouldReportTheBadLineFromTheCommandLine(self):
        with tempfile.TemporaryDirectory() as directory:
            data = Path(directory) / "rows.jsonl"
            write_jsonl(data, ROWS[:4])
            with open(data, "a", encoding="utf-8") as handle:
                handle.write('{"text": "no label here"}\n')
            out = Path(directory) / "w.json"
            code, stderr = run_main("--data", str(data), "--out", str(out))
            self.assertEqual(code, 1)
            self.assertIn("%s:5: expected a \"label\" member" % data, stderr)
            self.assertFalse(out.exists())


class SplitAndDeterminismTest(unittest.TestCase):

    def test_shouldKeepSingleRowClassesInTraining(self):
        labels = ["a"] * 10 + ["b"] * 3 + ["c"]
        train_rows, held_out = train.stratified_split(labels, 0.2, seed=1)
        self.assertEqual(sorted(train_rows + held_out), list(range(14)))
        self.assertEqual(sorted(labels[i] for i in held_out), ["a", "a", "b"])
        self.assertIn(13, train_rows)

    def test_shouldReportNoFiguresWhenNothingCanBeHeldOut(self):
        trained = train.train(["sauce pan", "goal kick", "bond yield"], ["cooking", "sport", "finance"])
        quality = trained.document["quality"]
        self.assertEqual((quality["heldOutRows"], quality["accuracy"], quality["macroF1"], quality["perClassF1"]),
                         (0, None, None, {}))

    def test_shouldBeDeterministicForAFixedSeedExceptVersionAndTime(self):
        options = train.TrainingOptions(vectorizer="tfidf", ngram_max=2, seed=11, golden=10)
        first = json.loads(train.train(TEXTS, LABELS, options).encode())
        second = json.loads(train.train(TEXTS, LABELS, options).encode())
        self.assertNotEqual(first["modelVersion"], second["modelVersion"])
        for member in VARIABLE_MEMBERS:
            first.pop(member)
            second.pop(member)
        self.assertEqual(json.dumps(first), json.dumps(second))

    def test_shouldSampleDifferentGoldenTextsForAnotherSeed(self):
        first = train.train(TEXTS, LABELS, train.TrainingOptions(seed=1)).document
        second = train.train(TEXTS, LABELS, train.TrainingOptions(seed=2)).document
        self.assertNotEqual([v["text"] for v in first["golden"]["vectors"]],
                            [v["text"] for v in second["golden"]["vectors"]])


if __name__ == "__main__":
    unittest.main()
