package io.kroute.inference.anomaly;

import io.kroute.inference.classify.Classification;

/** Everything one pass over a prompt yields: its class, its features and the anomaly filter's verdict. */
public record PromptAnalysis(Classification classification, PromptFeatures features, AnomalyVerdict anomaly) {
}
