package io.kroute.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataFolderLockTest {

    @TempDir
    Path temp;

    @Test
    void shouldRefuseASecondHolderNamingTheFolderAndTheFirstHoldersPid() {
        Path folder = temp.resolve("data");
        try (DataFolderLock first = DataFolderLock.acquire(folder, () -> { })) {
            assertThatThrownBy(() -> DataFolderLock.acquire(folder, () -> { }))
                    .hasMessage("data folder " + folder + " is in use by another kroute (pid "
                            + ProcessHandle.current().pid() + "); stop it, or give this one another folder with "
                            + "--data-dir");
        }
        DataFolderLock.acquire(folder, () -> { }).close();
    }

    @Test
    void shouldLockBeforeTheChecksWhenTheFolderHasALockFileAlready() {
        Path folder = temp.resolve("data");
        DataFolderLock.acquire(folder, () -> { }).close();
        try (DataFolderLock first = DataFolderLock.acquire(folder, () -> { })) {
            assertThatThrownBy(() -> DataFolderLock.acquire(folder, () -> {
                throw new AssertionError("the checks ran before the lock was refused");
            })).hasMessageContaining("is in use by another kroute");
        }
    }

    @Test
    void shouldCreateNothingWhenTheChecksFailOnANewFolder() {
        Path folder = temp.resolve("new").resolve("data");
        assertThatThrownBy(() -> DataFolderLock.acquire(folder, () -> {
            throw new IllegalStateException("port in use");
        })).hasMessage("port in use");
        assertThat(temp.resolve("new")).doesNotExist();
    }

    @Test
    void shouldRefuseAFolderThatCannotBeWrittenAndCreateNothing() throws IOException {
        Path file = Files.writeString(temp.resolve("a-file"), "x");
        Path folder = file.resolve("data");
        assertThatThrownBy(() -> DataFolderLock.acquire(folder, () -> { }))
                .hasMessage("data folder " + folder + " cannot be written (" + file + " is not a folder); choose a "
                        + "writable one with --data-dir (setting kroute.data.dir)");
        assertThat(Files.readString(file)).isEqualTo("x");
    }

    @Test
    void shouldNameThePortItsPurposeAndTheFlagWhenAPortIsInUse() throws IOException {
        try (ServerSocket busy = new ServerSocket()) {
            busy.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            int port = busy.getLocalPort();
            assertThatThrownBy(() -> StartupPorts.requireFree("the HTTP endpoint", Setting.HTTP_PORT, "127.0.0.1", port))
                    .hasMessage("port " + port + " on 127.0.0.1 for the HTTP endpoint is in use; free it, or choose "
                            + "another with --http-port (setting kroute.http.port; 0 picks a free one)");
        }
    }
}
