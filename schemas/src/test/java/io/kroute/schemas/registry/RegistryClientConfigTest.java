package io.kroute.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RegistryClientConfigTest {

    @Test
    void shouldReadConfluentStylePropertiesWithDefaults() {
        RegistryClientConfig config = RegistryClientConfig.fromProperties(Map.of(
                "schema.registry.url", "http://a:8081, https://b:8081/",
                "basic.auth.user.info", "svc:s3cret",
                "schema.registry.request.timeout.ms", "2500"));

        assertThat(config.urls()).containsExactly(URI.create("http://a:8081"), URI.create("https://b:8081/"));
        assertThat(config.userInfo()).isEqualTo("svc:s3cret");
        assertThat(config.requestTimeout()).isEqualTo(Duration.ofMillis(2500));
        assertThat(config.connectTimeout()).isEqualTo(RegistryClientConfig.DEFAULT_CONNECT_TIMEOUT);
        assertThat(config.isMock()).isFalse();
    }

    @Test
    void shouldTakeCredentialsFromTheUrlWhenToldTo() {
        RegistryClientConfig config = RegistryClientConfig.fromProperties(Map.of(
                "schema.registry.url", "https://svc:p%40ss@registry:8081",
                "basic.auth.credentials.source", "URL"));

        assertThat(config.userInfo()).isEqualTo("svc:p@ss");
    }

    @Test
    void shouldNeverShowThePassword() {
        RegistryClientConfig config = RegistryClientConfig.of("http://a:8081").withUserInfo("svc:s3cret");

        assertThat(config.toString()).contains("svc:****").doesNotContain("s3cret");
    }

    @Test
    void shouldExplainBadSettings() {
        assertThatThrownBy(() -> RegistryClientConfig.fromProperties(Map.of()))
                .hasMessageContaining("expected property schema.registry.url");
        assertThatThrownBy(() -> RegistryClientConfig.of("ftp://a"))
                .hasMessageContaining("expected a schema registry URL starting with http://, https:// or mock://, found 'ftp://a'");
        assertThatThrownBy(() -> RegistryClientConfig.of("http://a").withUserInfo("nopassword"))
                .hasMessageContaining("user:password");
        assertThatThrownBy(() -> RegistryClientConfig.fromProperties(Map.of("schema.registry.url", "http://a",
                "schema.registry.connect.timeout.ms", "soon")))
                .hasMessageContaining("positive number of milliseconds, found 'soon'");
        assertThatThrownBy(() -> RegistryClientConfig.of("mock://a,mock://b"))
                .hasMessageContaining("expected a single mock:// URL");
    }
}
