package io.kroute.it;

import io.kroute.runtime.EmbeddedKafkaBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * kroute's embedded KRaft broker alone in a child JVM, so a test can stop and restart the broker under a running
 * kroute. The data folder and port stay the same across restarts, as for a broker restarted in place.
 */
public final class BrokerProcess implements AutoCloseable {
    private final Process process;
    private final Path log;
    private final int port;

    private BrokerProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** Entry point of the child JVM: {@code DATA_DIR PORT}; stops the broker cleanly on SIGTERM. */
    public static void main(String[] args) throws InterruptedException {
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(Path.of(args[0]), Integer.parseInt(args[1]), true);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.close();
            stopped.countDown();
        }, "broker-shutdown"));
        System.out.println("broker ready on " + broker.bootstrapServers());
        stopped.await();
    }

    /** Starts the broker and waits until it accepts connections on {@code port}. */
    public static BrokerProcess start(Path dataDir, int port) throws IOException {
        Files.createDirectories(dataDir);
        Path log = dataDir.resolve("broker-" + System.nanoTime() + ".log");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-cp", System.getProperty("java.class.path"), BrokerProcess.class.getName(), dataDir.toString(),
                Integer.toString(port));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        BrokerProcess broker = new BrokerProcess(process, log, port);
        Await.until("the broker on port " + port, Duration.ofSeconds(90), () -> {
            if (!process.isAlive()) {
                throw new AssertionError("the broker exited:\n" + broker.log());
            }
            return broker.log().contains("broker ready on");
        });
        return broker;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** Whether something accepts connections on the broker's port. */
    public boolean listening() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public String log() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGTERM, and waits for the broker to stop cleanly. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }
}
