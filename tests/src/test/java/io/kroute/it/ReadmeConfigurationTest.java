package io.kroute.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.kroute.runtime.Setting;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's configuration table documents every setting with its real names and default. */
class ReadmeConfigurationTest {

    @Test
    void shouldDocumentEverySettingWithItsVariableFlagAndDefault() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        for (Setting setting : Setting.values()) {
            String defaultValue = setting.defaultValue().isEmpty() ? "*(none)*" : "`" + setting.defaultValue() + "`";
            assertThat(readme).as("README row of %s", setting.property())
                    .contains("| `" + setting.property() + "` | `" + setting.environmentVariable() + "` | `"
                            + setting.flag() + "` | " + defaultValue + " |");
        }
    }
}
