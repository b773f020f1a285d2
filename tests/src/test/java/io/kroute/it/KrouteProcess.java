package io.kroute.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** {@code kroute run} from the runnable jar in a child JVM, so a test can kill it as hard as an operator can. */
public final class KrouteProcess implements AutoCloseable {
    static final Path JAR = Path.of("..", "app", "target", "kroute.jar");

    private final Process process;
    private final Path log;
    private final int httpPort;

    private KrouteProcess(Process process, Path log, int httpPort) {
        this.process = process;
        this.log = log;
        this.httpPort = httpPort;
    }

    /** Starts {@code kroute run ARGS --http-port P --data-dir DIR}, with its output in {@code DIR/kroute.log}. */
    public static KrouteProcess start(Path dataDir, List<String> args) throws IOException {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException("expected the runnable jar at " + JAR.toAbsolutePath()
                    + " (built by the package phase: run mvn verify)");
        }
        Files.createDirectories(dataDir);
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-jar", JAR.toString(), "run", "--http-port", Integer.toString(port),
                "--data-dir", dataDir.toString()));
        command.addAll(args);
        Path log = dataDir.resolve("kroute.log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("KROUTE_"));
        return new KrouteProcess(builder.start(), log, port);
    }

    public String httpUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL: no shutdown hook, no clean close, no commit. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    public String log() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        terminate();
    }

    /** SIGTERM, then waits up to a minute for the clean shutdown (SIGKILL after that). */
    public void terminate() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(Duration.ofSeconds(60).toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    public int exitValue() {
        return process.exitValue();
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
