package io.kroute.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class PipelineDescriptionTest {

    @Test
    void shouldPrintEveryStepWithItsParametersIndentedByNesting() throws Exception {
        String section = """
                {"class": "Pipeline", "steps": [
                  {"name": "features", "class": "FeatureUnion", "steps": [
                    {"name": "text", "class": "TfidfVectorizer",
                     "parameters": {"analyzer": "char_wb", "ngram_range": [2, 5], "sublinear_tf": true}},
                    {"name": "head", "class": "Pipeline", "steps": [
                      {"name": "words", "class": "HeadWords", "parameters": {"n_words": 8}},
                      {"name": "vectorizer", "class": "CountVectorizer", "parameters": {"max_df": 1.0}}]}]},
                  {"name": "model", "class": "CalibratedClassifierCV", "parameters": {"cv": 5,
                   "estimator": {"class": "LinearSVC", "parameters": {"C": 1.0}}, "method": "sigmoid"}}]}
                """;
        StringWriter text = new StringWriter();
        PipelineDescription.print(new ObjectMapper().readTree(section), new PrintWriter(text, true));
        assertThat(text.toString().lines()).containsExactly(
                "pipeline:    Pipeline",
                "               features: FeatureUnion",
                "                 text: TfidfVectorizer(analyzer='char_wb', ngram_range=[2,5], sublinear_tf=true)",
                "                 head: Pipeline",
                "                   words: HeadWords(n_words=8)",
                "                   vectorizer: CountVectorizer(max_df=1.0)",
                "               model: CalibratedClassifierCV(cv=5, estimator=LinearSVC(C=1.0), method='sigmoid')");
    }

    @Test
    void shouldSayWhenTheFileDoesNotRecordItsPipeline() {
        StringWriter text = new StringWriter();
        PipelineDescription.print(null, new PrintWriter(text, true));
        assertThat(text.toString()).startsWith("pipeline:    not recorded");
    }
}
