package io.kroute.runtime;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;

/**
 * The ports a kroute start-up will listen on, checked before anything starts, so a busy port is reported before
 * the broker runs or any topic exists. Also where the embedded broker's port comes from: the configured one, or
 * the one earlier runs on this data folder used, so clients keep their address across restarts.
 */
final class StartupPorts {
    private static final String LOOPBACK = "127.0.0.1";

    private final RuntimeConfig config;
    private final Path dataDir;
    private final boolean embeddedBroker;
    private int brokerPort;

    StartupPorts(RuntimeConfig config, Path dataDir, boolean embeddedBroker) {
        this.config = config;
        this.dataDir = dataDir;
        this.embeddedBroker = embeddedBroker;
    }

    /** Fails with the port, what it is for and the flag that moves it, for the first port that is in use. */
    void check() {
        if (embeddedBroker) {
            int configured = config.brokerPort();
            brokerPort = configured != 0 ? configured : EmbeddedKafkaBroker.earlierPort(dataDir).orElse(0);
            String what = configured == 0 && brokerPort != 0
                    ? "the embedded broker (kept from earlier runs in " + EmbeddedKafkaBroker.addressFile(dataDir) + ")"
                    : "the embedded broker";
            requireFree(what, Setting.BROKER_PORT, LOOPBACK, brokerPort);
        }
        if (config.schemaRegistryUrl().isEmpty()) {
            requireFree("the schema registry", Setting.REGISTRY_PORT, LOOPBACK, config.registryPort());
        }
        requireFree("the HTTP endpoint", Setting.HTTP_PORT, config.httpHost(), config.httpPort());
    }

    /** The embedded broker's port as {@link #check()} found it; 0 when a free one is to be picked. */
    int brokerPort() {
        return brokerPort;
    }

    static void requireFree(String what, Setting setting, String host, int port) {
        if (port == 0) {
            return;
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(InetAddress.getByName(host), port));
        } catch (BindException e) {
            throw new IllegalStateException("port " + port + " on " + host + " for " + what + " is in use; free it, "
                    + "or choose another with " + setting.flag() + " (setting " + setting.property()
                    + "; 0 picks a free one)");
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on " + host + ":" + port + " for " + what + " ("
                    + e.getMessage() + "); check " + setting.flag() + " (setting " + setting.property() + ")");
        }
    }
}
