package dev.barfill.fetcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.barfill.core.HistoryLimits;
import dev.barfill.core.ProviderHistory;
import dev.barfill.core.Series;
import dev.barfill.core.Timeframe;
import dev.barfill.core.config.KafkaSettings;
import dev.barfill.fetcher.provider.BarRequest;
import dev.barfill.fetcher.provider.FetchOutcome;
import dev.barfill.fetcher.route.ProviderCapabilities;
import dev.barfill.fetcher.route.ProviderRoute;
import dev.barfill.fetcher.route.ProviderRouter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;

class ProvidersTest {

    @Test
    void shouldCountEveryPageOfAPagedAnswerAsARequest() throws Exception {
        try (MockWebServer server = new MockWebServer()) {
            server.start();
            String next = server.url("/v2/aggs/next?cursor=abc").toString();
            server.enqueue(new MockResponse.Builder().code(200).body("{\"status\":\"OK\",\"results\":[{\"t\":1795789800000,"
                    + "\"o\":1,\"h\":2,\"l\":0.5,\"c\":1.5,\"v\":3}],\"next_url\":\"" + next + "\"}").build());
            server.enqueue(new MockResponse.Builder().code(200).body("{\"status\":\"OK\",\"results\":[{\"t\":1795790700000,"
                    + "\"o\":1,\"h\":2,\"l\":0.5,\"c\":1.5,\"v\":3}]}").build());
            FetcherConfig config = FetcherConfig.defaults(KafkaSettings.local("localhost:9092"), "http://127.0.0.1:1")
                    .withProviders(List.of(ProviderSettings.polygon(server.url("/").toString(), "key", 600),
                            ProviderSettings.yahoo("https://query1.finance.yahoo.com", 60)));
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            ProviderRouter router = Providers.router(config, registry);

            List<ProviderRoute> m15 = router.routesFor(Timeframe.M15);
            assertThat(m15).extracting(ProviderRoute::name).containsExactly("polygon", "yahoo");
            FetchOutcome outcome = m15.get(0).fetch(new BarRequest(Series.of("AAPL", Timeframe.M15),
                    Instant.parse("2026-11-27T14:30:00Z"), Instant.parse("2026-11-27T18:00:00Z")));

            assertThat(outcome).isInstanceOfSatisfying(FetchOutcome.Fetched.class, f -> assertThat(f.bars()).hasSize(2));
            assertThat(server.getRequestCount()).isEqualTo(2);
            double counted = registry.find("barfill.provider.requests").tag("provider", "polygon").counters().stream()
                    .mapToDouble(c -> c.count()).sum();
            assertThat(counted).isEqualTo(2.0);
        }
    }

    @Test
    void shouldFollowAConfiguredOrderPerTimeframe() {
        FetcherConfig config = new FetcherConfig(KafkaSettings.local("localhost:9092"), "g",
                List.of(ProviderSettings.yahoo("https://query1.finance.yahoo.com", 60),
                        ProviderSettings.polygon("https://api.polygon.io", "key", 5)),
                Map.of(Timeframe.H4, List.of("polygon", "yahoo")), 4, java.time.Duration.ofSeconds(5),
                dev.barfill.fetcher.retry.RetryPolicy.defaults());
        ProviderRouter router = Providers.router(config, new SimpleMeterRegistry());
        assertThat(router.routesFor(Timeframe.H4)).extracting(ProviderRoute::name).containsExactly("polygon", "yahoo");
        assertThat(router.routesFor(Timeframe.M15)).extracting(ProviderRoute::name).containsExactly("yahoo", "polygon");
    }

    @Test
    void shouldReadEachProvidersHistoryFromTheDeclarationThePlannerReadsToo() {
        Instant now = Instant.parse("2026-11-30T22:00:00Z");
        ProviderCapabilities yahoo = ProviderCapabilities.yahoo(60);
        assertThat(yahoo.historyDays()).isEqualTo(ProviderHistory.yahoo().historyDays())
                .containsEntry(Timeframe.M1, 30).containsEntry(Timeframe.M15, 60).containsEntry(Timeframe.H1, 730);
        assertThat(yahoo.source(Timeframe.H4)).contains(Timeframe.H1);
        assertThat(yahoo.reaches(Timeframe.M1, LocalDate.of(2026, 10, 31), now)).isTrue();
        assertThat(yahoo.reaches(Timeframe.M1, LocalDate.of(2026, 10, 30), now)).isFalse();
        assertThat(yahoo.spanDays(Timeframe.M1)).isEqualTo(7);
        // The simulator stands in for Yahoo, history included: the planner plans it as Yahoo.
        assertThat(ProviderCapabilities.simulator(6000).historyDays()).isEqualTo(yahoo.historyDays());
        assertThat(ProviderCapabilities.polygon(5).reaches(Timeframe.M1, LocalDate.of(2001, 3, 1), now)).isTrue();
        assertThat(ProviderCapabilities.polygon(5).source(Timeframe.H1)).contains(Timeframe.M30);
    }

    @Test
    void shouldGiveThePlannerTheDeepestHistoryOfTheChainPerTimeframe() {
        FetcherConfig yahooOnly = FetcherConfig.defaults(KafkaSettings.local("localhost:9092"), "http://127.0.0.1:1")
                .withProviders(List.of(ProviderSettings.yahoo("https://query1.finance.yahoo.com", 60)));
        assertThat(yahooOnly.history()).isEqualTo(HistoryLimits.yahoo());
        assertThat(FetcherConfig.defaults(KafkaSettings.local("localhost:9092"), "http://127.0.0.1:1").history())
                .as("the simulator, the default").isEqualTo(HistoryLimits.yahoo());

        FetcherConfig chain = yahooOnly.withProviders(List.of(ProviderSettings.polygon("https://api.polygon.io", "k", 5),
                ProviderSettings.yahoo("https://query1.finance.yahoo.com", 60)));
        assertThat(chain.history().depthOf(Timeframe.M1)).as("polygon reaches further, the router falls back").isEmpty();
        assertThat(chain.history().depth()).isEmpty();
    }
}
