import math
import unittest

import numpy as np

from support import small_rows

import anomaly_features as af
import evaluate_anomaly
import train
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.naive_bayes import MultinomialNB

ROWS = small_rows()
TEXTS = [row["text"] for row in ROWS]
LABELS = [row["label"] for row in ROWS]
BASELINE_MEMBERS = {"transform", "direction", "method", "mean", "std", "median", "mad", "scaleFloor"}


def extractor_for(texts, labels=None):
    vectorizer = CountVectorizer().fit(texts)
    model = MultinomialNB().fit(vectorizer.transform(texts), labels or ["a"] * len(texts))
    return af.FeatureExtractor(vectorizer), vectorizer, model


def features_of(text, texts=TEXTS, labels=LABELS):
    extractor, vectorizer, model = extractor_for(texts, labels)
    probabilities = model.predict_proba(vectorizer.transform([extractor.prefix(text)]))[0]
    return dict(zip(af.FEATURE_KEYS, extractor.features(text, probabilities)))


class AnomalySectionTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.section = train.train(TEXTS, LABELS, train.TrainingOptions(golden=5)).document["anomaly"]

    def test_shouldCarryABaselineForEveryFeatureAndNothingElse(self):
        self.assertEqual(sorted(self.section["features"]), sorted(af.FEATURE_KEYS))
        self.assertEqual(self.section["combine"], "max")
        for key, baseline in self.section["features"].items():
            with self.subTest(feature=key):
                self.assertEqual(set(baseline), BASELINE_MEMBERS)
                self.assertIn(baseline["transform"], ("none", "log1p", "logComplement"))
                self.assertIn(baseline["direction"], ("high", "low", "both"))
                self.assertIn(baseline["method"], ("standard", "robust"))
                for member in ("mean", "std", "median", "mad", "scaleFloor"):
                    self.assertTrue(math.isfinite(baseline[member]), member)
                self.assertGreaterEqual(baseline["std"], 0.0)
                self.assertGreaterEqual(baseline["mad"], 0.0)
                self.assertGreater(baseline["scaleFloor"], 0.0)

    def test_shouldChooseAPositiveFiniteThresholdAboveMostTrainingPrompts(self):
        threshold = self.section["threshold"]
        self.assertTrue(math.isfinite(threshold))
        self.assertGreaterEqual(threshold, af.MIN_THRESHOLD)

    def test_shouldComputeBaselinesOutOfFold(self):
        self.assertEqual(self.section["baselineFrom"], {"prompts": len(TEXTS), "outOfFold": True, "folds": 5})

    def test_shouldCarryABaselineForEveryClassWithItsEvidence(self):
        classes = self.section["classes"]
        self.assertEqual(sorted(classes), sorted(set(LABELS)))
        self.assertEqual(sum(c["prompts"] for c in classes.values()), len(TEXTS))
        for label, own in classes.items():
            self.assertEqual(sorted(own["features"]), sorted(af.FEATURE_KEYS))
            for stats in own["features"].values():
                self.assertEqual(set(stats), set(af.CLASS_STATISTICS))
                self.assertTrue(all(math.isfinite(v) for v in stats.values()))
        self.assertGreater(self.section["classPrior"], 0)

    def test_shouldRecordTheStatisticsOfTheTransformedValues(self):
        features, _ = af.out_of_fold_features(TEXTS, LABELS, lambda t, l: train._fit(t, l, train.TrainingOptions()))
        column = np.log1p(features[:, af.FEATURE_INDEX["longestCharRun"]])
        baseline = self.section["features"]["longestCharRun"]
        self.assertAlmostEqual(baseline["mean"], float(np.mean(column)), places=12)
        self.assertAlmostEqual(baseline["median"], float(np.median(column)), places=12)
        self.assertAlmostEqual(baseline["mad"], float(np.median(np.abs(column - np.median(column)))), places=12)


class DegenerateDataTest(unittest.TestCase):

    def test_shouldStayFiniteForASingleRepeatedPrompt(self):
        section = train.train(["hello there"] * 12, ["greeting"] * 12,
                              train.TrainingOptions(golden=3)).document["anomaly"]
        self.assertEqual(section["threshold"], af.MIN_THRESHOLD)
        for key, baseline in section["features"].items():
            with self.subTest(feature=key):
                self.assertEqual((baseline["std"], baseline["mad"]), (0.0, 0.0))
                self.assertGreater(baseline["scaleFloor"], 0.0)
                self.assertTrue(all(math.isfinite(v) for v in baseline.values() if isinstance(v, float)))

    def test_shouldScoreAZeroVarianceFeatureAgainstItsFloor(self):
        features = np.zeros((10, len(af.FEATURE_KEYS)))
        section = af.fit_anomaly_section(features)
        invisible = af.FEATURE_INDEX["invisibleShare"]
        prompt = np.zeros(len(af.FEATURE_KEYS))
        prompt[invisible] = 0.02
        z = af.directional_z(prompt, section)[0]
        self.assertAlmostEqual(z[invisible], 0.02 / af.SCORING["invisibleShare"].scale_floor)
        self.assertEqual(np.count_nonzero(z), 1)

    def test_shouldFallBackToInSampleFeaturesWhenAClassHasOneRow(self):
        texts = TEXTS[:10] + ["a lone example of its class"]
        labels = LABELS[:10] + ["lonely"]
        section = train.train(texts, labels, train.TrainingOptions(golden=3)).document["anomaly"]
        self.assertEqual(section["baselineFrom"], {"prompts": 11, "outOfFold": False, "folds": 1})

    def test_shouldRefuseNonFiniteFeatureValues(self):
        features = np.zeros((3, len(af.FEATURE_KEYS)))
        features[1, 2] = float("nan")
        with self.assertRaisesRegex(ValueError, "expected finite feature values, found NaN"):
            af.fit_anomaly_section(features)

    def test_shouldRefuseAnEmptyTrainingSet(self):
        with self.assertRaisesRegex(ValueError, "expected at least one training prompt, found none"):
            af.fit_anomaly_section(np.zeros((0, len(af.FEATURE_KEYS))))


class ScoringTest(unittest.TestCase):

    def test_shouldReadEachDirectionAsTheJavaModelDoes(self):
        section = af.fit_anomaly_section(np.zeros((4, len(af.FEATURE_KEYS))))
        baseline = section["features"]["digitShare"]
        baseline.update(method="standard", mean=2.0, std=0.5, transform="none")
        prompt = np.zeros(len(af.FEATURE_KEYS))
        index = af.FEATURE_INDEX["digitShare"]
        for direction, value, expected in (("high", 3.0, 2.0), ("high", 1.0, 0.0), ("low", 1.0, 2.0),
                                           ("low", 3.0, 0.0), ("both", 1.0, 2.0), ("both", 3.0, 2.0)):
            with self.subTest(direction=direction, value=value):
                baseline["direction"] = direction
                prompt[index] = value
                self.assertAlmostEqual(af.directional_z(prompt, section)[0][index], expected)

    def test_shouldUseMedianAndScaledMadForRobustFeatures(self):
        section = af.fit_anomaly_section(np.zeros((4, len(af.FEATURE_KEYS))))
        baseline = section["features"]["digitShare"]
        baseline.update(method="robust", median=0.1, mad=0.02, scaleFloor=0.001, direction="high", transform="none")
        prompt = np.zeros(len(af.FEATURE_KEYS))
        prompt[af.FEATURE_INDEX["digitShare"]] = 0.2
        self.assertAlmostEqual(af.combined_scores(prompt, section)[0], 0.1 / (af.MAD_TO_SIGMA * 0.02))

    def test_shouldPutEveryFeaturesTrainingTailAtMostAtTheTailZ(self):
        rng = np.random.default_rng(3)
        features = rng.exponential(1.0, size=(5000, len(af.FEATURE_KEYS)))
        section = af.fit_anomaly_section(features)
        z = af.directional_z(features, section)
        for index, key in enumerate(af.FEATURE_KEYS):
            with self.subTest(feature=key):
                self.assertLessEqual(np.quantile(z[:, index], af.TAIL_QUANTILE), af.TAIL_Z + 1e-9)

    def test_shouldSetTheThresholdFromTheQuantileWithItsMargin(self):
        scores = np.linspace(0.0, 10.0, 1001)
        self.assertAlmostEqual(af.choose_threshold(scores, 0.9, 1.5), 13.5)
        self.assertEqual(af.choose_threshold(np.zeros(5)), af.MIN_THRESHOLD)


class FeatureDefinitionTest(unittest.TestCase):

    def test_shouldMeasureTokenLengthsInUtf16Units(self):
        self.assertEqual(features_of("\U0001f600 ok \U00010400\U00010401")["meanTokenLength"], 3.0)
        self.assertEqual(features_of("")["meanTokenLength"], 0.0)

    def test_shouldExamineOnlyTheCappedPrefixWithoutSplittingAPair(self):
        text = "x" * 99_999 + "\U0001f600" + " zzz"
        self.assertEqual(af.examined_prefix(text), "x" * 99_999)
        values = features_of(text)
        self.assertEqual(values["longestCharRun"], 99_999.0)
        self.assertEqual(values["digitShare"], 0.0)

    def test_shouldJoinSurrogatePairsHeldAsTwoCodePoints(self):
        self.assertEqual(af.as_java_string("\ud83d\ude00"), "\U0001f600")
        self.assertEqual(af.as_java_string("\ud800 x"), "\ud800 x")

    def test_shouldClassifyCharactersAsJava(self):
        self.assertEqual(af.class_of("\u200b"), af._INVISIBLE)
        self.assertEqual(af.class_of("\x1f"), af._INVISIBLE)
        self.assertEqual(af.class_of("\x0b"), af._SPACE)
        self.assertEqual(af.class_of("\ud800"), af._INVISIBLE)
        self.assertEqual(af.class_of("\u0378"), af._INVISIBLE)  # unassigned
        self.assertEqual(af.class_of("\u01c5"), af._LETTER | af._UPPER)  # title case
        self.assertEqual(af.class_of("\u0967"), af._DIGIT)
        self.assertEqual(af.class_of("\u0301"), 0)  # combining mark
        self.assertEqual(af.class_of("\u216b"), 0)  # letter number
        self.assertEqual(af.class_of("\u20ac"), af._SYMBOL)

    def test_shouldComputeSharesOverCodePoints(self):
        values = features_of("AB1\u200b!")
        self.assertEqual(values["upperShare"], 0.4)
        self.assertEqual(values["digitShare"], 0.2)
        self.assertEqual(values["invisibleShare"], 0.2)

    def test_shouldNotCountWhitespaceRuns(self):
        self.assertEqual(features_of("if x:\n" + " " * 40 + "y\n\n\n\n")["longestCharRun"], 1.0)
        self.assertEqual(features_of("=" * 72)["longestCharRun"], 72.0)
        self.assertEqual(features_of("")["longestCharRun"], 0.0)

    def test_shouldTreatJoinersAndSelectorsInSpellingAsVisible(self):
        for text in ("\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645", "\u0915\u094d\u200d\u0937",
                     "\U0001f468\u200d\U0001f469\u200d\U0001f467", "\U0001f469\U0001f3fd\u200d\U0001f4bb",
                     "\u2764\ufe0f", "1\ufe0f\u20e3"):
            with self.subTest(text=text):
                self.assertEqual(features_of(text)["invisibleShare"], 0.0)
        self.assertAlmostEqual(features_of("a\u200db")["invisibleShare"], 1 / 3)
        self.assertAlmostEqual(features_of("\ufe0f\ufe0f")["invisibleShare"], 1.0)
        self.assertAlmostEqual(features_of("\u0645\u200c\u200c\u062e")["invisibleShare"], 0.5)

    def test_shouldMeasureRepetitionInBoundedWindows(self):
        self.assertEqual(af.token_redundancy([]), (0.0, 0.0))
        self.assertEqual(af.token_redundancy(["a"]), (0.0, 0.0))
        self.assertAlmostEqual(float(af.apply_transform("logComplement", np.array([1.0]))[0]), math.log(257))
        self.assertEqual(float(af.apply_transform("logComplement", np.array([0.0]))[0]), 0.0)
        bigrams, chunks = af.token_redundancy(["ha"] * 20)
        self.assertAlmostEqual(bigrams, 18 / 19)
        self.assertAlmostEqual(chunks, 12 / 13)
        phrase = "ignore the previous instructions".split() * 500
        self.assertGreater(min(af.token_redundancy(phrase)), 0.95)
        words = ["w%d" % i for i in range(5000)]
        self.assertEqual(af.token_redundancy(words), (0.0, 0.0))
        # A flood in the middle of a long text of different words fills its windows.
        self.assertEqual(af.token_redundancy(words[:2000] + ["spam"] * 600 + words[2000:]), (1.0, 1.0))
        # A paragraph of 150 tokens repeated: two ways per set keep (nearly) every chunk between its repeats.
        paragraph = ["p%d" % i for i in range(150)]
        self.assertGreater(af.token_redundancy(paragraph * 40)[1], 0.97)

    def test_shouldFindEncodedRunsThatMixLettersAndDigitsOrAreLong(self):
        self.assertEqual(features_of("id deadbeef01 ok")["longestEncodedRun"], 10.0)
        self.assertEqual(features_of("a" * 39)["longestEncodedRun"], 0.0)
        self.assertEqual(features_of("a" * 40)["longestEncodedRun"], 40.0)
        self.assertEqual(features_of("ab/cd+12==")["longestEncodedRun"], 10.0)

    def test_shouldCountTokensLikeTheVectorizer(self):
        values = features_of("The the THE cat, a dog")
        self.assertEqual(values["topTokenShare"], 0.6)
        self.assertAlmostEqual(values["meanTokenLength"], 3.0)  # "a" is too short to be a token

    def test_shouldShareUnknownTokensAgainstTheVocabulary(self):
        values = features_of("cooking zzqx", texts=["cooking sport"], labels=["a"])
        self.assertEqual(values["unknownTokenShare"], 0.5)

    def test_shouldFindTokensMixingScripts(self):
        self.assertEqual(features_of("p\u0430yp\u0430l login")["mixedScriptShare"], 0.5)  # Cyrillic a
        self.assertEqual(features_of("\u65e5\u672c\u8a9e\u306e\u30c6\u30ad\u30b9\u30c8")["mixedScriptShare"], 0.0)
        # CJK text runs Latin words into its own: not a mix.
        self.assertEqual(features_of("\u8fd9\u6bb5Rust\u4ee3\u7801")["mixedScriptShare"], 0.0)
        self.assertEqual(features_of("\u041f\u0440\u0438\u0432\u0435\u0442 w\u043erld")["mixedScriptShare"], 0.5)
        self.assertEqual(features_of("abc123 \u00e9t\u00e9")["mixedScriptShare"], 0.0)

    def test_shouldFindMixedTokensOnTheOriginalTextAroundTurkishDottedI(self):
        # İ lower-cases to two code points; the mix is judged on the original token, as Java does.
        self.assertEqual(features_of("\u0130st\u0430nbul")["mixedScriptShare"], 1.0)

    def test_shouldNormaliseUncertaintyByTheNumberOfClasses(self):
        extractor, _, _ = extractor_for(TEXTS, LABELS)
        values = dict(zip(af.FEATURE_KEYS, extractor.features("x", [0.25, 0.25, 0.25, 0.25])))
        self.assertAlmostEqual(values["classUncertainty"], 1.0)
        values = dict(zip(af.FEATURE_KEYS, extractor.features("x", [1.0])))
        self.assertEqual(values["classUncertainty"], 0.0)

    def test_shouldMapLettersToScriptGroups(self):
        self.assertEqual(af.script_group("a"), af.script_group("\u00e9"))  # Latin
        self.assertNotEqual(af.script_group("a"), af.script_group("\u0430"))  # Cyrillic
        self.assertEqual(af.script_group("\u65e5"), af.script_group("\u30c6"))  # Han and Katakana
        self.assertIsNone(af.script_group("1"))
        self.assertIsNone(af.script_group("\u00b5"))  # micro sign: a Common letter


class EvaluationFamiliesTest(unittest.TestCase):

    def setUp(self):
        self.maker = evaluate_anomaly.HostileMaker(TEXTS, seed=5)

    def test_shouldMakeEveryFamilyAsDescribed(self):
        for family in evaluate_anomaly.STRUCTURAL_FAMILIES + evaluate_anomaly.FLUENT_FAMILIES:
            with self.subTest(family=family):
                hostile = self.maker.make(family, 6)
                self.assertEqual(len(hostile), 6)
                self.assertTrue(all(isinstance(text, str) and text for text in hostile))
        self.assertTrue(all(any(af.class_of(ch) == af._INVISIBLE for ch in t)
                            for t in self.maker.make("invisible_stuffing", 5)))
        for text in self.maker.make("token_flood", 5):
            self.assertGreaterEqual(max(text.count(w) for w in set(text.split())), 300)
        for text in self.maker.make("paragraph_repeat", 3):
            self.assertGreater(af.token_redundancy(text.lower().split())[1], 0.9)

    def test_shouldBeSeeded(self):
        again = evaluate_anomaly.HostileMaker(TEXTS, seed=5)
        self.assertEqual(self.maker.make("homoglyph_noise", 3), again.make("homoglyph_noise", 3))

    def test_shouldWrapEveryFamilyInEveryClassInTurn(self):
        corpora = evaluate_anomaly.Corpora()
        labels = sorted(evaluate_anomaly.FALLBACK_INSTRUCTIONS)
        rows = evaluate_anomaly.hostile_prompts(corpora, TEXTS, labels, len(labels), seed=3)
        for family in evaluate_anomaly.STRUCTURAL_FAMILIES:
            self.assertEqual(sorted(r["wrappedAs"] for r in rows if r["family"] == family), labels)

    def test_shouldChooseTheLofoConfigurationWithoutTheHeldOutFamily(self):
        families = np.array(["random_bytes"] * 4 + ["token_flood"] * 4 + ["legit"] * 10)
        others = [f for f in evaluate_anomaly.STRUCTURAL_FAMILIES if f not in ("random_bytes", "token_flood")]
        groups = np.concatenate([families, np.array(others)])
        oversize = np.zeros(len(groups), dtype=bool)
        validation = np.zeros(len(groups), dtype=bool)
        validation[8:13] = True
        test = np.zeros(len(groups), dtype=bool)
        test[13:18] = True
        # Config a catches token floods, b random bytes; both keep validation prompts below their thresholds.
        low = np.zeros(len(groups))
        a_scores, b_scores = low.copy(), low.copy()
        a_scores[4:8] = 10
        b_scores[0:4] = 10
        candidates = [({"quantile": 0.99, "margin": 1.0, "classPrior": 1.0}, 5.0, a_scores),
                      ({"quantile": 0.999, "margin": 1.0, "classPrior": 1.0}, 5.0, b_scores)]
        lofo = evaluate_anomaly.leave_one_family_out(candidates, groups, oversize, validation, test)
        # Held out: random bytes. Chosen on token floods (config a), which misses random bytes.
        self.assertEqual(lofo["random_bytes"]["config"]["quantile"], 0.99)
        self.assertEqual(lofo["random_bytes"]["detection"], 0.0)
        self.assertEqual(lofo["token_flood"]["config"]["quantile"], 0.999)


class ClassBaselineTest(unittest.TestCase):

    def test_shouldShrinkAClassTowardTheGlobalBaselineByItsEvidence(self):
        features = np.zeros((400, len(af.FEATURE_KEYS)))
        index = af.FEATURE_INDEX["digitShare"]
        features[:100, index] = np.linspace(0.3, 0.5, 100)  # class "data": many digits
        classes = ["data"] * 100 + ["chat"] * 300
        section = af.fit_anomaly_section(features, classes, ["chat", "data", "empty"], prior=100.0)
        self.assertEqual(section["classes"]["empty"]["prompts"], 0)
        centers, scales = af.baseline_rows(section, ["chat", "data", "empty"])
        own = section["classes"]["data"]["features"]["digitShare"]
        self.assertAlmostEqual(centers[2, index], 0.5 * own["median"] + 0.5 * centers[0, index])
        self.assertEqual(centers[3, index], centers[0, index])  # no evidence: the global baseline
        prompt = np.zeros((2, len(af.FEATURE_KEYS)))
        prompt[:, index] = 0.45
        z = af.directional_z(prompt, section, ["data", "chat"], ["chat", "data", "empty"])[:, index]
        self.assertLess(z[0], z[1])  # many digits are more normal for data than for chat

    def test_shouldWeighEvidenceAsAPriorNotACliff(self):
        weights = [af.class_weight(n, 100.0) for n in (0, 1, 10, 100, 1000)]
        self.assertEqual(weights[0], 0.0)
        self.assertEqual(weights[3], 0.5)
        self.assertEqual(weights, sorted(weights))


class FittedModelTest(unittest.TestCase):

    def test_shouldDescribeAnAlreadyFittedPairInSample(self):
        _, vectorizer, model = extractor_for(TEXTS, LABELS)
        section = af.baselines_for_fitted(vectorizer, model, TEXTS)
        self.assertEqual(sorted(section["features"]), sorted(af.FEATURE_KEYS))
        self.assertEqual(section["baselineFrom"], {"prompts": len(TEXTS), "outOfFold": False})
        self.assertEqual(section["features"]["unknownTokenShare"]["mean"], 0.0)  # in sample, every token is known


if __name__ == "__main__":
    unittest.main()
