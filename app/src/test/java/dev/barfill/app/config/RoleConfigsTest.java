package dev.barfill.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.barfill.core.HistoryLimits;
import dev.barfill.core.Timeframe;
import dev.barfill.core.WindowSizes;
import dev.barfill.core.config.DatabaseSettings;
import dev.barfill.core.config.KafkaSettings;
import dev.barfill.planner.PlannerTimings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RoleConfigsTest {
    @TempDir
    Path dir;

    private RoleConfigs configs(String file, Map<String, String> env, Map<String, String> flags) throws Exception {
        Path config = dir.resolve("barfill.properties");
        Files.writeString(config, file);
        return new RoleConfigs(SettingSources.load(config, env, flags));
    }

    @Test
    void shouldLetEnvironmentOverrideFileAndFlagsOverrideBoth() throws Exception {
        RoleConfigs c = configs("""
                kafka.bootstrap-servers=file:9092
                kafka.partitions=3
                kafka.topic-prefix=fromfile.
                """, Map.of("BARFILL_KAFKA_PARTITIONS", "4", "BARFILL_KAFKA_TOPIC_PREFIX", "fromenv."),
                Map.of("kafka.partitions", "5"));

        KafkaSettings kafka = c.kafka();

        assertThat(kafka.bootstrapServers()).isEqualTo("file:9092");
        assertThat(kafka.topicPrefix()).isEqualTo("fromenv.");
        assertThat(kafka.partitions()).isEqualTo(5);
        assertThat(kafka.replicationFactor()).isEqualTo((short) 1);
        assertThat(c.effective()).extracting(Setting::toString).contains(
                "kafka.bootstrap-servers=file:9092 (file)", "kafka.topic-prefix=fromenv. (env)",
                "kafka.partitions=5 (flag)", "kafka.replication-factor=1 (default)");
    }

    @Test
    void shouldFillRoleRecordsFromKebabCaseKeysWithDefaultsAndTheSharedKafkaSettings() throws Exception {
        RoleConfigs c = configs("""
                kafka.bootstrap-servers=k:9092
                fetcher.provider-url=http://sim:8090
                fetcher.request-timeout=45s
                sink.max-batch-days=50
                planner.stream-threads=2
                """, Map.of(), Map.of());

        assertThat(c.fetcher().providers().get(0).baseUrl()).isEqualTo("http://sim:8090");
        assertThat(c.fetcher().requestTimeout()).isEqualTo(Duration.ofSeconds(45));
        assertThat(c.fetcher().concurrency()).isEqualTo(16);
        assertThat(c.fetcher().kafka()).isSameAs(c.kafka());
        assertThat(c.sink().maxPollRecords()).isEqualTo(50);
        assertThat(c.planner().streamThreads()).isEqualTo(2);
        assertThat(c.planner().applicationId()).isEqualTo("barfill-planner");
        assertThat(c.api().port()).isEqualTo(8080);
    }

    @Test
    void shouldBuildTheRoutersFallbackChainFromFetcherProvidersInOrder() throws Exception {
        RoleConfigs c = configs("""
                kafka.bootstrap-servers=k:9092
                fetcher.providers=polygon,yahoo
                fetcher.api-key=pk-test
                fetcher.user-agent=barfill-test/1.0
                fetcher.breaker-trip-after=3
                fetcher.breaker-cool-down=2m
                """, Map.of(), Map.of());

        var config = c.fetcher();
        assertThat(config.providers()).extracting(p -> p.name() + " " + p.kind() + " " + p.baseUrl() + " "
                + p.requestsPerMinute()).containsExactly("polygon POLYGON https://api.polygon.io 5",
                "yahoo YAHOO https://query1.finance.yahoo.com 60");
        assertThat(config.providers().get(0).apiKey()).isEqualTo("pk-test");
        assertThat(config.routes()).isEmpty();  // every timeframe tries the chain in order
        assertThat(config.userAgent()).isEqualTo("barfill-test/1.0");
        assertThat(config.breaker().tripAfter()).isEqualTo(3);
        assertThat(config.breaker().coolDown()).isEqualTo(Duration.ofMinutes(2));
        assertThat(c.effective()).extracting(Setting::toString).contains("fetcher.api-key=**** (file)");
    }

    @Test
    void shouldTakeAChainEntrysOwnUrlAndDefaultARealProvidersUrl() throws Exception {
        RoleConfigs chain = configs("""
                kafka.bootstrap-servers=k:9092
                fetcher.providers=yahoo=http://127.0.0.1:9001, simulator=http://127.0.0.1:9002
                """, Map.of(), Map.of());
        assertThat(chain.fetcher().providers()).extracting(p -> p.name() + " " + p.baseUrl())
                .containsExactly("yahoo http://127.0.0.1:9001", "simulator http://127.0.0.1:9002");

        RoleConfigs single = configs("kafka.bootstrap-servers=k:9092\nfetcher.provider=yahoo\n", Map.of(), Map.of());
        assertThat(single.fetcher().providers()).extracting(p -> p.name() + " " + p.baseUrl())
                .containsExactly("yahoo https://query1.finance.yahoo.com");
    }

    @Test
    void shouldNameTheSettingOfABadProviderChoice() throws Exception {
        assertThatThrownBy(() -> configs("kafka.bootstrap-servers=k:9092\nfetcher.providers=yahoo,bloomberg\n",
                Map.of(), Map.of()).fetcher()).hasMessageContaining("fetcher.providers must be simulator, yahoo,"
                + " polygon or alpaca, got 'bloomberg'");
        assertThatThrownBy(() -> configs("kafka.bootstrap-servers=k:9092\n", Map.of(), Map.of()).fetcher())
                .hasMessageContaining("fetcher.provider-url is required for the simulator");
        assertThatThrownBy(() -> configs("kafka.bootstrap-servers=k:9092\nfetcher.providers=yahoo,yahoo\n",
                Map.of(), Map.of()).fetcher()).hasMessageContaining("fetcher.providers names must be distinct");
    }

    @Test
    void shouldNameAMissingRequiredSettingWithItsEnvironmentVariable() throws Exception {
        RoleConfigs c = configs("", Map.of(), Map.of());

        assertThatThrownBy(c::kafka).isInstanceOf(ConfigException.class)
                .hasMessageContaining("kafka.bootstrap-servers is required")
                .hasMessageContaining("BARFILL_KAFKA_BOOTSTRAP_SERVERS");
        assertThatThrownBy(c::database).hasMessageContaining("db.url is required");
    }

    @Test
    void shouldReportEveryUnparseableSettingOfARecordTogether() throws Exception {
        RoleConfigs c = configs("""
                kafka.bootstrap-servers=k:9092
                fetcher.provider-url=http://sim:8090
                fetcher.concurrency=many
                fetcher.request-timeout=soon
                """, Map.of(), Map.of());

        assertThatThrownBy(c::fetcher).isInstanceOfSatisfying(ConfigException.class, e ->
                assertThat(e.problems()).containsExactly(
                        "fetcher.concurrency must be an integer, got 'many' (from the config file)",
                        "fetcher.request-timeout must be a duration like 500ms, 30s, 2m or PT30S, got 'soon'"
                                + " (from the config file)"));
    }

    @Test
    void shouldPassOnTheRecordsOwnRangeChecksThatNameTheSetting() throws Exception {
        RoleConfigs c = configs("kafka.bootstrap-servers=k:9092\nkafka.replication-factor=0\n", Map.of(),
                Map.of());
        assertThatThrownBy(c::kafka).isInstanceOf(ConfigException.class)
                .hasMessage("kafka.replication-factor must be at least 1, got 0");

        RoleConfigs db = configs("db.url=postgres://x\n", Map.of(), Map.of());
        assertThatThrownBy(db::database).hasMessageStartingWith("db.url must be a jdbc:postgresql: URL");
    }

    @Test
    void shouldRejectAMisspeltKeyOfTheRoleButIgnoreOtherRolesSections() throws Exception {
        RoleConfigs c = configs("""
                kafka.bootstrap-servers=k:9092
                sink.max-batch-dayz=10
                fetcher.anything=ignored by the sink
                """, Map.of(), Map.of());
        c.sink();

        assertThatThrownBy(() -> c.rejectUnknown("sink.")).hasMessageStartingWith("unknown setting sink.max-batch-dayz")
                .hasMessageContaining("sink.max-batch-days");
    }

    @Test
    void shouldReportAMisspeltKeyOnceWhenItsSectionIsNamedTwice() throws Exception {
        RoleConfigs c = configs("""
                kafka.bootstrap-servers=k:9092
                kafka.partitons=3
                """, Map.of(), Map.of());
        c.kafka();

        assertThatThrownBy(() -> c.rejectUnknown("kafka.")).isInstanceOfSatisfying(ConfigException.class,
                e -> assertThat(e.problems()).singleElement().asString().startsWith("unknown setting kafka.partitons"));
    }

    @Test
    void shouldAcceptSettingsOfSectionsTheRoleDoesNotRead() throws Exception {
        RoleConfigs c = configs("""
                kafka.bootstrap-servers=k:9092
                fetcher.provider-url=http://sim:8090
                db.url=jdbc:postgresql://db/barfill
                db.anything=the fetcher has no database
                """, Map.of(), Map.of());
        c.fetcher();

        c.rejectUnknown("fetcher.");

        assertThat(c.effective()).extracting(Setting::key).noneMatch(k -> k.startsWith("db."));
    }

    @Test
    void shouldReadASecretFromTheFileNamedByTheEnvironmentAndMaskItWhenShown() throws Exception {
        Path secret = dir.resolve("db-password");
        Files.writeString(secret, "s3cret\n");
        RoleConfigs c = configs("db.url=jdbc:postgresql://db/barfill\ndb.password=from-file\n",
                Map.of("BARFILL_DB_PASSWORD_FILE", secret.toString()), Map.of());

        DatabaseSettings db = c.database();

        assertThat(db.password()).isEqualTo("s3cret");
        assertThat(c.describe()).contains("db.password=**** (env)").doesNotContain("s3cret");
        assertThat(c.describe()).contains("db.url=jdbc:postgresql://db/barfill (file)");
    }

    @Test
    void shouldPutBarfillsTablesInSchemaBarfillUnlessDbSchemaNamesAnotherLowerCaseOne() throws Exception {
        assertThat(configs("db.url=jdbc:postgresql://db/market\n", Map.of(), Map.of()).database().schema())
                .isEqualTo("barfill");
        assertThat(configs("db.url=jdbc:postgresql://db/market\ndb.schema=bars_v2\n", Map.of(), Map.of())
                .database().schema()).isEqualTo("bars_v2");
        RoleConfigs quoted = configs("db.url=jdbc:postgresql://db/market\ndb.schema=Bars\n", Map.of(), Map.of());
        assertThatThrownBy(quoted::database).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("db.schema must be a lower-case SQL identifier");
    }

    @Test
    void shouldMaskPasswordsTokensAndApiKeysButNotOrdinarySettings() {
        assertThat(new Setting("fetcher.polygon.api-key", "abc", Setting.Source.ENV).shown()).isEqualTo("****");
        assertThat(new Setting("api.auth-token", "abc", Setting.Source.ENV).shown()).isEqualTo("****");
        assertThat(new Setting("db.password", "abc", Setting.Source.FILE).shown()).isEqualTo("****");
        assertThat(new Setting("db.user", "abc", Setting.Source.FILE).shown()).isEqualTo("abc");
    }

    @Test
    void shouldNameTheMissingConfigFile() {
        assertThatThrownBy(() -> SettingSources.load(dir.resolve("nope.properties"), Map.of(), Map.of()))
                .hasMessageContaining("--config: no such file").hasMessageContaining("nope.properties");
    }

    @Test
    void shouldSecureTheApiRoleFromItsSettingsWithKeysFromASecretFileMaskedInTheLog() throws Exception {
        Path keys = dir.resolve("api-keys");
        Files.writeString(keys, "chart:chart-secret-0001:read,ops:ops-secret-00002:read|write\n");
        RoleConfigs c = configs("""
                kafka.bootstrap-servers=k:9092
                api.rate-limit=20
                api.host=127.0.0.1
                """, Map.of("BARFILL_API_KEYS_FILE", keys.toString(), "BARFILL_API_READS_OPEN", "true"), Map.of());

        dev.barfill.api.ApiConfig api = c.api();

        assertThat(api.auth().enabled()).isTrue();
        assertThat(api.auth().keys()).extracting(dev.barfill.api.auth.ApiKey::name).containsExactly("chart", "ops");
        assertThat(api.auth().readsOpen()).isTrue();
        assertThat(api.auth().requestsPerSecond()).isEqualTo(20);
        assertThat(api.auth().burst()).isEqualTo(100);
        assertThat(api.host()).isEqualTo("127.0.0.1");
        assertThat(api.reachableFromOutside()).isFalse();
        assertThat(c.describe()).contains("api.keys=****").doesNotContain("chart-secret-0001");
    }

    @Test
    void shouldLeaveTheApiRoleOpenOnEveryInterfaceWithoutKeys() throws Exception {
        dev.barfill.api.ApiConfig api = configs("kafka.bootstrap-servers=k:9092\n", Map.of(), Map.of()).api();

        assertThat(api.auth().enabled()).isFalse();
        assertThat(api.host()).isEqualTo("0.0.0.0");
        assertThat(api.reachableFromOutside()).isTrue();
    }

    @Test
    void shouldNameTheApiKeysSettingWhenAnEntryIsMalformed() throws Exception {
        RoleConfigs c = configs("kafka.bootstrap-servers=k:9092\n", Map.of("BARFILL_API_KEYS", "chart-only"), Map.of());

        assertThatThrownBy(c::api).hasMessageContaining("api.keys").hasMessageContaining("entry 1")
                .hasMessageNotContaining("chart-only:");
    }

    @Test
    void shouldBindThePlannersJobRetentionWithASevenDayDefault() throws Exception {
        assertThat(configs("kafka.bootstrap-servers=k:9092\n", Map.of(), Map.of()).planner().timings().jobRetention())
                .isEqualTo(Duration.ofDays(7));
        PlannerTimings set = configs("""
                kafka.bootstrap-servers=k:9092
                planner.job-retention=2d
                planner.job-retention-check-interval=5m
                """, Map.of(), Map.of()).planner().timings();
        assertThat(set.jobRetention()).isEqualTo(Duration.ofDays(2));
        assertThat(set.jobRetentionCheckInterval()).isEqualTo(Duration.ofMinutes(5));
        assertThatThrownBy(() -> configs("kafka.bootstrap-servers=k:9092\nplanner.job-retention=0s\n",
                Map.of(), Map.of()).planner()).hasMessageContaining("planner.job-retention");
    }

    @Test
    void shouldBindTheSettleDelayAndTheRefreshDelayWithTheirDefaults() throws Exception {
        RoleConfigs defaults = configs("kafka.bootstrap-servers=k:9092\nfetcher.provider-url=http://p\n", Map.of(),
                Map.of());
        assertThat(defaults.fetcher().settleDelay()).isEqualTo(Duration.ofMinutes(15));
        assertThat(defaults.planner().timings().refreshAfter()).isEqualTo(Duration.ofSeconds(60));
        RoleConfigs set = configs("""
                kafka.bootstrap-servers=k:9092
                fetcher.provider-url=http://p
                fetcher.settle-delay=30m
                planner.refresh-after=20s
                """, Map.of(), Map.of());
        assertThat(set.fetcher().settleDelay()).isEqualTo(Duration.ofMinutes(30));
        assertThat(set.planner().timings().refreshAfter()).isEqualTo(Duration.ofSeconds(20));
        assertThatThrownBy(() -> configs("kafka.bootstrap-servers=k:9092\nplanner.refresh-after=-1s\n",
                Map.of(), Map.of()).planner()).hasMessageContaining("planner.refresh-after");
    }

    @Test
    void shouldBindThePlannersPollIntervalAndRefuseOneThatIsNotPositive() throws Exception {
        assertThat(configs("kafka.bootstrap-servers=k:9092\n", Map.of(), Map.of()).planner().pollInterval())
                .isEqualTo(Duration.ofMillis(10));
        dev.barfill.planner.PlannerConfig set = configs("kafka.bootstrap-servers=k:9092\nplanner.poll-interval=100ms\n", Map.of(), Map.of())
                .planner();
        assertThat(set.pollInterval()).isEqualTo(Duration.ofMillis(100));
        assertThatThrownBy(() -> configs("kafka.bootstrap-servers=k:9092\nplanner.poll-interval=0s\n",
                Map.of(), Map.of()).planner()).hasMessageContaining("planner.poll-interval");
    }

    @Test
    void shouldBindTheDefaultWindowsOfPlannerAndApiAlikeNamingABadOne() throws Exception {
        RoleConfigs c = configs("""
                kafka.bootstrap-servers=k:9092
                planner.default-windows=15m=10,1d=250
                """, Map.of("BARFILL_API_DEFAULT_WINDOWS", "15m=10,1d=250"), Map.of());

        assertThat(c.planner().windowSizes().defaultDays(Timeframe.M15)).isEqualTo(10);
        assertThat(c.planner().windowSizes().defaultDays(Timeframe.D1)).isEqualTo(250);
        assertThat(c.planner().windowSizes().defaultDays(Timeframe.H1)).isEqualTo(90);
        assertThat(c.api().windowSizes()).isEqualTo(c.planner().windowSizes());
        assertThat(configs("kafka.bootstrap-servers=k:9092\n", Map.of(), Map.of()).planner().windowSizes()
                .maxDays(Timeframe.W1)).isEqualTo(WindowSizes.LONGEST);
        assertThatThrownBy(() -> configs("kafka.bootstrap-servers=k:9092\nplanner.default-windows=1h\n",
                Map.of(), Map.of()).planner()).hasMessageContaining("planner.default-windows");
    }

    @Test
    void shouldBindThePlannersFlightDeadlineAndLookupRetrySettings() throws Exception {
        RoleConfigs c = configs("""
                kafka.bootstrap-servers=k:9092
                planner.flight-timeout=45m
                planner.lookup-retry-max=10s
                """, Map.of(), Map.of());

        assertThat(c.planner().timings().flightTimeout()).isEqualTo(Duration.ofMinutes(45));
        assertThat(c.planner().timings().flightCheckInterval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(c.planner().timings().lookupRetry().max()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.planner().lookupTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(configs("kafka.bootstrap-servers=k:9092\nplanner.flight-timeout=6h\n", Map.of(), Map.of())
                .planner().flightTimeout()).isEqualTo(Duration.ofHours(6));
        assertThatThrownBy(() -> configs("kafka.bootstrap-servers=k:9092\nplanner.lookup-retry-first=1m\n",
                Map.of(), Map.of()).planner()).hasMessageContaining("planner.lookup-retry");
    }

    @Test
    void shouldPassEveryKafkaClientSettingThroughFromFileEnvironmentFlagsAndSecretFilesMaskingCredentials() throws Exception {
        Path jaas = dir.resolve("jaas.conf");
        Files.writeString(jaas, "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"u\" password=\"p\";\n");
        RoleConfigs c = configs("""
                kafka.bootstrap-servers=k:9092
                kafka.client.security.protocol=SASL_PLAINTEXT
                kafka.client.sasl.jaas.config-file=%s
                fetcher.provider-url=http://sim:8090
                """.formatted(jaas), Map.of("BARFILL_KAFKA_CLIENT_SASL_MECHANISM", "PLAIN"),
                Map.of("kafka.client.request.timeout.ms", "20000"));

        KafkaSettings kafka = c.kafka();

        assertThat(kafka.client()).containsOnly(
                Map.entry("security.protocol", "SASL_PLAINTEXT"),
                Map.entry("sasl.mechanism", "PLAIN"),
                Map.entry("sasl.jaas.config",
                        "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"u\" password=\"p\";"),
                Map.entry("request.timeout.ms", "20000"));
        assertThat(dev.barfill.core.config.KafkaClients.committingConsumer(kafka, "g", "c"))
                .containsEntry("sasl.mechanism", "PLAIN").containsEntry("bootstrap.servers", "k:9092");
        assertThat(c.fetcher().kafka().client()).containsEntry("security.protocol", "SASL_PLAINTEXT");
        assertThat(c.describe()).contains("kafka.client.sasl.jaas.config=**** (file)",
                "kafka.client.sasl.mechanism=PLAIN (env)", "kafka.client.security.protocol=SASL_PLAINTEXT (file)")
                .doesNotContain("password=\"p\"");
        assertThat(kafka.toString()).contains("sasl.jaas.config=****").doesNotContain("password=\"p\"");
        c.rejectUnknown("fetcher.");
    }

    @Test
    void shouldRefuseAKafkaClientSettingBarfillOwns() throws Exception {
        RoleConfigs c = configs("""
                kafka.bootstrap-servers=k:9092
                kafka.client.bootstrap.servers=other:9092
                """, Map.of(), Map.of());

        assertThatThrownBy(c::kafka).hasMessageContaining("kafka.client.bootstrap.servers cannot be set")
                .hasMessageContaining("kafka.bootstrap-servers");
    }

    @Test
    void shouldPlanForTheFetchersProvidersAndKeepYahoosHistoryByDefault() throws Exception {
        assertThat(configs("kafka.bootstrap-servers=k:9092\n", Map.of(), Map.of()).planner().historyLimits())
                .isEqualTo(HistoryLimits.yahoo());
        assertThat(configs("kafka.bootstrap-servers=k:9092\nfetcher.provider=simulator\n", Map.of(), Map.of())
                .planner().historyLimits()).as("the simulator is declared with Yahoo's history")
                .isEqualTo(HistoryLimits.yahoo());
        // Polygon serves every date and the router falls back to it: nothing is out of reach.
        assertThat(configs("kafka.bootstrap-servers=k:9092\nfetcher.providers=yahoo,polygon=http://proxy:8080\n",
                Map.of(), Map.of()).planner().historyLimits().depth()).isEmpty();
        assertThat(configs("kafka.bootstrap-servers=k:9092\n", Map.of("BARFILL_FETCHER_PROVIDER", "alpaca"), Map.of())
                .planner().historyLimits().depthOf(Timeframe.M1)).isEmpty();

        RoleConfigs chain = configs("kafka.bootstrap-servers=k:9092\nfetcher.providers=polygon,yahoo\n", Map.of(),
                Map.of());
        assertThat(chain.api().windowSizes()).as("REST and Kafka bound windows alike")
                .isEqualTo(chain.planner().windowSizes());
        assertThat(chain.api().windowSizes().maxDays(Timeframe.M1))
                .isGreaterThan(configs("kafka.bootstrap-servers=k:9092\n", Map.of(), Map.of()).api().windowSizes()
                        .maxDays(Timeframe.M1));
    }

    @Test
    void shouldTakeThePlannersOwnProvidersWhenTheSettingsDoNotNameTheFetchers() throws Exception {
        assertThat(configs("kafka.bootstrap-servers=k:9092\nplanner.providers=polygon,yahoo\n", Map.of(), Map.of())
                .planner().historyLimits().depth()).isEmpty();
        assertThat(configs("kafka.bootstrap-servers=k:9092\nplanner.providers=yahoo\nfetcher.provider=yahoo\n",
                Map.of(), Map.of()).planner().historyLimits()).isEqualTo(HistoryLimits.yahoo());

        assertThatThrownBy(() -> configs("kafka.bootstrap-servers=k:9092\nplanner.providers=polygon\n"
                + "fetcher.provider=yahoo\n", Map.of(), Map.of()).planner()).hasMessageContaining("planner.providers");
        assertThatThrownBy(() -> configs("kafka.bootstrap-servers=k:9092\nplanner.providers=yahoo,bloomberg\n",
                Map.of(), Map.of()).planner()).hasMessageContaining("planner.providers").hasMessageContaining("bloomberg");
    }
}
