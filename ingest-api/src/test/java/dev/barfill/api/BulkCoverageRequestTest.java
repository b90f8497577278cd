package dev.barfill.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.barfill.core.CoverageRequest;
import dev.barfill.core.Json;
import org.junit.jupiter.api.Test;

class BulkCoverageRequestTest {

    private static BulkCoverageRequest read(String json) throws Exception {
        return BulkCoverageRequest.fromTree(Json.mapper().readTree(json));
    }

    @Test
    void shouldCarryRefreshToTheRequestOfEverySymbol() throws Exception {
        BulkCoverageRequest bulk = read("{\"symbols\":[\"AAPL\",\"MSFT\"],\"timeframe\":\"15m\",\"days\":5,"
                + "\"refresh\":true}");
        assertThat(bulk.refresh()).isTrue();
        for (String symbol : bulk.symbols()) {
            CoverageRequest one = bulk.forSymbol(symbol);
            assertThat(one.refreshing()).as(symbol).isTrue();
            assertThat(one.symbol()).isEqualTo(symbol);
            assertThat(one.days()).isEqualTo(5);
        }
    }

    @Test
    void shouldAskForNoRefreshWhenRefreshIsFalseOrAbsent() throws Exception {
        assertThat(read("{\"symbols\":[\"AAPL\"],\"timeframe\":\"15m\",\"days\":5,\"refresh\":false}")
                .forSymbol("AAPL").refreshing()).isFalse();
        assertThat(read("{\"symbols\":[\"AAPL\"],\"timeframe\":\"15m\",\"days\":5}").forSymbol("AAPL").refreshing())
                .isFalse();
    }

    @Test
    void shouldSendRefreshOnlyWhenAskedForSoOlderServersReadTheSameBody() throws Exception {
        String plain = Json.mapper().writeValueAsString(new BulkCoverageRequest(java.util.List.of("AAPL"), "15m",
                null, null, 5, null, "cli"));
        assertThat(plain).doesNotContain("refresh");
        assertThat(read(plain).forSymbol("AAPL").refreshing()).isFalse();
        String again = Json.mapper().writeValueAsString(new BulkCoverageRequest(java.util.List.of("AAPL"), "15m",
                null, null, 5, null, "cli", true));
        assertThat(again).contains("\"refresh\":true");
        assertThat(read(again).forSymbol("AAPL").refreshing()).isTrue();
    }
}
