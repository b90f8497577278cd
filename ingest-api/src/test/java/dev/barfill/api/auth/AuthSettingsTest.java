package dev.barfill.api.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class AuthSettingsTest {

    @Test
    void shouldParseKeysWithScopesFromTheEnvironment() {
        AuthSettings s = AuthSettings.fromEnvironment(Map.of(AuthSettings.KEYS_ENV,
                "chart:chart-secret-123:read, ops:ops-secret-4567:read|write", AuthSettings.RATE_ENV, "5"));
        assertThat(s.keys()).extracting(ApiKey::name).containsExactly("chart", "ops");
        assertThat(s.keys().get(0).allows(ApiKey.Scope.WRITE)).isFalse();
        assertThat(s.keys().get(1).allows(ApiKey.Scope.WRITE)).isTrue();
        assertThat(s.readsOpen()).isFalse();
        assertThat(s.requestsPerSecond()).isEqualTo(5);
    }

    @Test
    void shouldBeOpenWithoutKeys() {
        AuthSettings s = AuthSettings.fromEnvironment(Map.of());
        assertThat(s.enabled()).isFalse();
        assertThat(s.readsOpen()).isTrue();
    }

    @Test
    void shouldNameTheBadEntryWithoutRevealingItsSecret() {
        assertThatThrownBy(() -> AuthSettings.parseKeys("ops:a-long-secret-99:superuser"))
                .hasMessageContaining("entry 1 (ops)").hasMessageContaining("superuser")
                .hasMessageNotContaining("a-long-secret-99");
        assertThatThrownBy(() -> AuthSettings.parseKeys("ops:short:read")).hasMessageContaining("at least 12")
                .hasMessageNotContaining("short:");
        assertThatThrownBy(() -> AuthSettings.fromEnvironment(Map.of(AuthSettings.RATE_ENV, "fast")))
                .hasMessageContaining(AuthSettings.RATE_ENV);
    }

    @Test
    void shouldNeverPrintASecret() {
        ApiKey key = AuthSettings.parseKeys("ops:a-long-secret-99:write").get(0);
        assertThat(key.toString()).doesNotContain("a-long-secret-99");
        assertThat(key.matches("a-long-secret-99")).isTrue();
        assertThat(key.matches("a-long-secret-98")).isFalse();
        assertThat(key.matches(null)).isFalse();
    }
}
