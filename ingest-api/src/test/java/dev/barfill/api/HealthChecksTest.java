package dev.barfill.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

class HealthChecksTest {
    @Test
    void shouldReportADatabaseThatDoesNotAnswerDownWithinTheProbeTimeout() throws Exception {
        // A server that accepts the connection and never answers PostgreSQL's start-up: what a
        // database host that hangs looks like to the driver, which would wait for a long time.
        try (ServerSocket silent = new ServerSocket(0)) {
            PGSimpleDataSource ds = new PGSimpleDataSource();
            ds.setUrl("jdbc:postgresql://127.0.0.1:" + silent.getLocalPort() + "/barfill");
            ds.setLoginTimeout(60);
            HealthCheck check = HealthChecks.database(ds, Duration.ofMillis(500));

            long t0 = System.nanoTime();
            HealthCheck.Status first = check.check();
            HealthCheck.Status second = check.check();
            long millis = (System.nanoTime() - t0) / 1_000_000;

            assertThat(first.up()).isFalse();
            assertThat(first.detail()).contains("no connection within 500 ms");
            assertThat(second.up()).isFalse();
            assertThat(millis).as("two probes of 500 ms, not the driver's 60 s").isLessThan(10_000);
        }
    }
}
