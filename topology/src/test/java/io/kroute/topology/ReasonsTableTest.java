package io.kroute.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The docs' one table of reasons lists exactly the reasons of {@link Reason}, each with its destination. */
class ReasonsTableTest {

    private static final Path SCHEMAS_DOC = Path.of("..", "docs", "schemas.md");
    private static final Pattern ROW = Pattern.compile("^\\| `([a-z0-9-]+)` \\| (quarantine|dead-letters) \\|.+\\|$",
            Pattern.MULTILINE);

    @Test
    void shouldDocumentEveryReasonWithItsDestinationInOneTable() throws IOException {
        Map<String, String> documented = documentedReasons();
        Map<String, String> declared = new LinkedHashMap<>();
        Arrays.stream(Reason.values()).forEach(r -> declared.put(r.key(),
                r.destination().name().toLowerCase(Locale.ROOT).replace('_', '-')));

        assertThat(documented).as("reasons table in docs/schemas.md").isEqualTo(declared);
    }

    private static Map<String, String> documentedReasons() throws IOException {
        String doc = Files.readString(SCHEMAS_DOC);
        int start = doc.indexOf("<!-- reasons:start -->");
        int end = doc.indexOf("<!-- reasons:end -->");
        assertThat(start).as("reasons table markers in docs/schemas.md").isNotNegative().isLessThan(end);
        Map<String, String> rows = new LinkedHashMap<>();
        Matcher row = ROW.matcher(doc.substring(start, end));
        while (row.find()) {
            rows.put(row.group(1), row.group(2));
        }
        return rows;
    }
}
