package dev.barfill.fetcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.barfill.core.config.KafkaSettings;
import java.util.List;
import org.junit.jupiter.api.Test;

class FetcherConfigTest {
    private static final FetcherConfig DEFAULTS = FetcherConfig.defaults(KafkaSettings.local("localhost:9092"),
            "http://127.0.0.1:9999");

    @Test
    void shouldDefaultToOneYahooFormatProviderAndThreeRetryTiers() {
        assertThat(DEFAULTS.providers()).singleElement().satisfies(p -> {
            assertThat(p.name()).isEqualTo("yahoo");
            assertThat(p.kind()).isEqualTo(ProviderSettings.Kind.SIMULATOR);
        });
        assertThat(DEFAULTS.retry().tiers()).hasSize(3);
        assertThat(DEFAULTS.retry().maxAttempts()).isEqualTo(4);
    }

    @Test
    void shouldNameTheMissingCredential() {
        assertThatThrownBy(() -> new ProviderSettings("polygon", ProviderSettings.Kind.POLYGON, "https://api.polygon.io",
                null, null, null, 5)).hasMessageContaining("api-key").hasMessageContaining("POLYGON_API_KEY");
        assertThatThrownBy(() -> new ProviderSettings("alpaca", ProviderSettings.Kind.ALPACA, "https://data.alpaca.markets",
                "id", " ", null, 200)).hasMessageContaining("APCA_API_SECRET_KEY");
    }

    @Test
    void shouldRefuseABadUrlDuplicateNamesAndNoProvider() {
        assertThatThrownBy(() -> ProviderSettings.yahoo("ftp://x", 60)).hasMessageContaining("fetcher.providers.yahoo.url");
        assertThatThrownBy(() -> DEFAULTS.withProviders(List.of(ProviderSettings.yahoo("https://a", 60),
                ProviderSettings.simulator("http://b", 60)))).hasMessageContaining("distinct");
        assertThatThrownBy(() -> DEFAULTS.withProviders(List.of())).hasMessageContaining("at least one provider");
    }

    @Test
    void shouldNeverPrintACredential() {
        ProviderSettings polygon = new ProviderSettings("polygon", ProviderSettings.Kind.POLYGON, "https://api.polygon.io",
                "s3cr3t", null, null, 5);
        assertThat(polygon.toString()).doesNotContain("s3cr3t").contains("****");
    }

    @Test
    void shouldCapProviderHoldsAtFifteenMinutesByDefaultAndRefuseANonPositiveCap() {
        assertThat(DEFAULTS.maxProviderHold()).isEqualTo(java.time.Duration.ofMinutes(15));
        assertThat(DEFAULTS.withMaxProviderHold(java.time.Duration.ofMinutes(2)).maxProviderHold())
                .isEqualTo(java.time.Duration.ofMinutes(2));
        assertThatThrownBy(() -> DEFAULTS.withMaxProviderHold(java.time.Duration.ZERO))
                .hasMessageContaining("fetcher.max-provider-hold");
    }
}
