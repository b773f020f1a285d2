package io.kroute.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/configuration.md documents every setting as declared, and nothing else. */
class SettingsTableTest {
    static final Path DOC = Path.of("..", "docs", "configuration.md");

    @Test
    void shouldDocumentExactlyTheDeclaredSettings() throws Exception {
        String written = SettingsTable.readFrom(Files.readString(DOC));
        assertThat(written)
                .as("the settings table in %s; rewrite it with ./kroute settings-table --write docs/configuration.md", DOC)
                .isEqualTo(SettingsTable.markdown());
    }

    @Test
    void shouldWriteOneRowPerSettingWithItsVariableFlagDefaultAndMeaning() {
        assertThat(SettingsTable.row(Setting.HTTP_PORT)).isEqualTo("| `kroute.http.port` | `KROUTE_HTTP_PORT` | "
                + "`--http-port` | `8080` | Port of the HTTP endpoint; 0 picks a free one. |");
        assertThat(SettingsTable.row(Setting.BOOTSTRAP_SERVERS))
                .startsWith("| `bootstrap.servers` | `KROUTE_BOOTSTRAP_SERVERS` | `--bootstrap-servers` | *(none)* |");
        assertThat(SettingsTable.markdown().lines()).hasSize(Setting.values().size() + 2);
    }

    @Test
    void shouldReplaceOnlyTheTableBetweenTheMarkers() {
        String document = "# Title\n\nbefore\n" + SettingsTable.BEGIN + "\n| stale |\n" + SettingsTable.END + "\nafter\n";
        String rewritten = SettingsTable.replaceIn(document);
        assertThat(rewritten).startsWith("# Title\n\nbefore\n" + SettingsTable.BEGIN + "\n| property (config file) |")
                .endsWith("|\n" + SettingsTable.END + "\nafter\n")
                .doesNotContain("stale");
        assertThat(SettingsTable.readFrom(rewritten)).isEqualTo(SettingsTable.markdown());
        assertThat(SettingsTable.replaceIn(rewritten)).isEqualTo(rewritten);
    }

    @Test
    void shouldRefuseADocumentWithoutTheMarkers() {
        assertThatThrownBy(() -> SettingsTable.replaceIn("# no table here\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageEndingWith("found no begin marker");
    }
}
