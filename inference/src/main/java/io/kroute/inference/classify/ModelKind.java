package io.kroute.inference.classify;

/** The scikit-learn estimators a weight file can carry, by their name in the file. */
public enum ModelKind {
    MULTINOMIAL_NB("multinomial_nb"),
    COMPLEMENT_NB("complement_nb"),
    LOGISTIC_REGRESSION("logistic_regression"),
    SGD_CLASSIFIER("sgd_classifier"),
    CALIBRATED_CLASSIFIER("calibrated_classifier");

    private final String fileName;

    ModelKind(String fileName) {
        this.fileName = fileName;
    }

    public String fileName() {
        return fileName;
    }

    public boolean naiveBayes() {
        return this == MULTINOMIAL_NB || this == COMPLEMENT_NB;
    }

    /** Null when the name is not a known kind. */
    public static ModelKind fromFileName(String name) {
        for (ModelKind kind : values()) {
            if (kind.fileName.equals(name)) {
                return kind;
            }
        }
        return null;
    }
}
