package io.kroute.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FoldersTest {

    @TempDir
    Path dir;

    @Test
    void shouldDeleteAFolderWithEverythingUnderIt() throws IOException {
        Path root = Files.createDirectories(dir.resolve("data/streams/0_0"));
        Files.writeString(root.resolve("state"), "x");
        Files.writeString(dir.resolve("data/schemas.jsonl"), "{}");

        Folders.deleteRecursively(dir.resolve("data"), "the data folder");

        assertThat(dir.resolve("data")).doesNotExist();
        assertThat(dir).exists();
    }

    @Test
    void shouldDoNothingForAFolderThatDoesNotExist() {
        Folders.deleteRecursively(dir.resolve("absent"), "the data folder");

        assertThat(dir.resolve("absent")).doesNotExist();
    }
}
