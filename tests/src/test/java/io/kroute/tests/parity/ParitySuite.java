package io.kroute.tests.parity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which pipelines the parity test compiles and compares, on which data sets. {@code mvn -B verify} runs the quick
 * suite; {@code -Pparity-full} (system property {@code kroute.paritySuite=full}) runs the whole cross product of
 * models x analyzers x weightings, head- and tail-words unions, and the binary task. Configuration names are
 * {@code tests/src/test/python/parity_expectations.py}'s: MODEL-ANALYZER-WEIGHTING-NGRAMS[-headN][-tailN].
 *
 * <p>Every model here accepts every weighting's features (counts and tf-idf values are never negative, which is
 * all ComplementNB and MultinomialNB require). Two configurations are left out because scikit-learn itself gives no
 * probabilities for it: SGDClassifier with log loss over character counts, where {@code predict_proba} returns NaN
 * (0 / 0, "invalid value encountered in divide") for held-out texts whose every one-vs-rest decision is so far
 * below zero that its {@code expit} is 0: on the Brown genres with character and in-word character n-grams
 * ({@link #SCIKIT_LEARN_GIVES_NAN}).
 */
final class ParitySuite {

    /** A data set file under the parity resources; binary when {@code twoClasses} merges its labels into two. */
    record DataSet(String name, String file, String twoClasses) {
        static DataSet of(String file) {
            return new DataSet(file, file, null);
        }
    }

    static final DataSet BROWN = DataSet.of("brown-genres");
    static final DataSet GETTEXT = DataSet.of("gettext-languages");
    /** The Brown Corpus's own top-level split: imaginative prose (fiction and humor) against informative prose. */
    static final DataSet BROWN_IMAGINATIVE = new DataSet("brown-imaginative", "brown-genres",
            "imaginative=fiction-general,fiction-mystery,fiction-science,fiction-adventure,fiction-romance,humor");

    static final List<String> MODELS = List.of("mnb", "cnb", "logreg", "sgd", "svc");
    /** Word unigrams and bigrams, character 1- to 3-grams, padded in-word character 2- to 4-grams. */
    static final Map<String, String> ANALYZERS = Map.of("word", "1_2", "char", "1_3", "char_wb", "2_4");
    static final List<String> WEIGHTINGS = List.of("count", "tfidf", "sublinear");
    /** The other ways the same models give probabilities: one-vs-rest, modified Huber, one calibrated model. */
    static final List<String> VARIANTS = List.of("logreg_ovr", "sgd_huber", "svc_single");

    /** Configurations whose probabilities scikit-learn itself does not give (see the class comment). */
    static final Map<DataSet, List<String>> SCIKIT_LEARN_GIVES_NAN = Map.of(BROWN,
            List.of("sgd-char-count-1_3", "sgd-char_wb-count-2_4"));

    private static final List<String> QUICK_NAIVE_BAYES = List.of(
            "mnb-count-1", "mnb-count-2", "mnb-tfidf-1", "mnb-tfidf-2",
            "cnb-count-1", "cnb-count-2", "cnb-tfidf-1", "cnb-tfidf-2");

    private ParitySuite() {
    }

    static boolean full() {
        return "full".equals(System.getProperty("kroute.paritySuite", "quick"));
    }

    /** Data set → configurations, for the suite asked for. */
    static Map<DataSet, List<String>> configurations() {
        return full() ? fullSuite() : quickSuite();
    }

    /**
     * The quick suite: the naive Bayes configurations on word n-grams, and one configuration for each model,
     * analyzer, weighting and probability function (the head-words union, multinomial and one-vs-rest
     * LogisticRegression, both SGD losses, ensemble and single calibration, the binary case of each linear
     * model) on small vocabularies, so that it trains in a few minutes.
     */
    static Map<DataSet, List<String>> quickSuite() {
        Map<DataSet, List<String>> suite = new LinkedHashMap<>();
        List<String> brown = new ArrayList<>(QUICK_NAIVE_BAYES);
        brown.addAll(List.of("mnb-word-count-1-head8", "logreg-word-sublinear-1-head8-tail8", "logreg-word-tfidf-1",
                "sgd_huber-char_wb-count-2_3", "svc_single-word-sublinear-1"));
        suite.put(BROWN, brown);
        List<String> gettext = new ArrayList<>(QUICK_NAIVE_BAYES);
        gettext.addAll(List.of("cnb-char-tfidf-1_2", "logreg_ovr-char_wb-sublinear-2_3", "sgd-word-count-1"));
        suite.put(GETTEXT, gettext);
        suite.put(BROWN_IMAGINATIVE, List.of("logreg-word-count-1", "logreg_ovr-word-tfidf-1",
                "sgd-word-tfidf-1", "sgd_huber-word-count-1", "svc-word-tfidf-1"));
        return suite;
    }

    /** The full cross product on both multiclass data sets, the variants, a head-words union, the binary task. */
    static Map<DataSet, List<String>> fullSuite() {
        Map<DataSet, List<String>> suite = new LinkedHashMap<>();
        for (DataSet dataSet : List.of(BROWN, GETTEXT)) {
            List<String> configurations = new ArrayList<>(QUICK_NAIVE_BAYES);
            for (String model : MODELS) {
                for (String analyzer : List.of("word", "char", "char_wb")) {
                    for (String weighting : WEIGHTINGS) {
                        String configuration = model + "-" + analyzer + "-" + weighting + "-" + ANALYZERS.get(analyzer);
                        if (!SCIKIT_LEARN_GIVES_NAN.getOrDefault(dataSet, List.of()).contains(configuration)) {
                            configurations.add(configuration);
                        }
                    }
                }
            }
            for (String variant : VARIANTS) {
                configurations.add(variant + "-word-tfidf-1_2");
                configurations.add(variant + "-char_wb-count-2_4");
            }
            configurations.add("mnb-word-count-1-head8");
            configurations.add("logreg-char_wb-sublinear-2_4-head8");
            configurations.add("logreg-word-sublinear-1-head8-tail8");
            suite.put(dataSet, configurations);
        }
        List<String> binary = new ArrayList<>();
        for (String model : List.of("mnb", "cnb", "logreg", "logreg_ovr", "sgd", "sgd_huber", "svc", "svc_single")) {
            binary.add(model + "-word-tfidf-1");
            binary.add(model + "-char_wb-count-2_4");
        }
        suite.put(BROWN_IMAGINATIVE, binary);
        return suite;
    }

    /** The probability bound: 1e-12 for counts, 1e-9 for tf-idf (never looser). */
    static double tolerance(String configuration) {
        boolean tfidf = configuration.contains("-tfidf") || configuration.contains("-sublinear");
        return tfidf ? 1e-9 : 1e-12;
    }
}
