package dev.barfill.app;

import com.zaxxer.hikari.HikariDataSource;
import dev.barfill.api.ApiConfig;
import dev.barfill.app.simulator.SimulatedMarket;
import dev.barfill.app.simulator.YahooSimulator;
import dev.barfill.core.calendar.CalendarRegistry;
import dev.barfill.core.config.DatabaseSettings;
import dev.barfill.core.config.KafkaSettings;
import dev.barfill.store.Migrations;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The end-to-end scenario against the same images as docker-compose.yml (Testcontainers'
 * {@code apache/kafka} and {@code postgres}), every role in this JVM. Skipped, with the reason,
 * where no Docker engine runs.
 */
@RequiresDocker
@Tag("date-sensitive")
@Timeout(600)
class ContainersEndToEndIT {
    static final String KAFKA_IMAGE = "apache/kafka:4.1.0";
    static final String POSTGRES_IMAGE = "postgres:17";

    @TempDir
    Path dir;

    @Test
    void shouldFillTwoSymbolsOnContainerisedKafkaAndPostgres() throws Exception {
        try (KafkaContainer kafka = new KafkaContainer(KAFKA_IMAGE);
             PostgreSQLContainer postgres = new PostgreSQLContainer(POSTGRES_IMAGE)) {
            kafka.start();
            postgres.start();
            try (HikariDataSource pool = Database.pool(new DatabaseSettings(postgres.getJdbcUrl(),
                    postgres.getUsername(), postgres.getPassword(), 8), "containers");
                 YahooSimulator simulator = new YahooSimulator(new SimulatedMarket(CalendarRegistry.defaults()),
                         Duration.ofMillis(20), 0).start()) {
                Migrations.migrate(pool);
                KafkaSettings settings = new KafkaSettings(kafka.getBootstrapServers(), "barfill.", 3, (short) 1);
                try (Roles roles = Roles.start(new Roles.Settings(settings, pool, simulator.baseUrl(),
                        dir.resolve("streams"), ApiConfig.defaults(0)), CalendarRegistry.defaults(), RecentSessions.clock())) {
                    ApiClient api = new ApiClient("http://127.0.0.1:" + roles.apiPort());
                    CoverageScenario.fillTwoSymbols(api, pool);
                    CoverageScenario.repeatFromStorage(api);
                }
            }
        }
    }
}
