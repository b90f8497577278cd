package dev.barfill.app;

import dev.barfill.app.config.RoleConfigs;
import dev.barfill.app.config.SettingsOptions;
import dev.barfill.app.simulator.SimulatorFaults;
import dev.barfill.app.simulator.SimulatorProfile;
import dev.barfill.app.config.FetcherSettings;
import dev.barfill.fetcher.FetcherConfig;
import dev.barfill.fetcher.ProviderChain;
import dev.barfill.fetcher.ProviderSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Options shared by the commands that start the stack in one process ({@code run}, {@code demo}):
 * everything is embedded unless the user names their own PostgreSQL ({@code --db-url}) or Kafka
 * ({@code --bootstrap-servers}), directly or with the role commands' keys in {@code --config FILE}.
 */
public final class StackOptions {
    @Mixin
    SettingsOptions settings;

    @Option(names = "--db-url", paramLabel = "JDBC_URL",
            description = "Your PostgreSQL (db.url), e.g. jdbc:postgresql://localhost:5432/market; barfill's tables go"
                    + " to schema db.schema (default barfill). Without it PostgreSQL is embedded.")
    String dbUrl;

    @Option(names = "--db-user", paramLabel = "USER", description = "User for --db-url (db.user, default postgres).")
    String dbUser;

    @Option(names = "--db-password", paramLabel = "PASSWORD",
            description = "Password for --db-url (db.password); other users of this machine may see it: prefer"
                    + " --db-password-file.")
    String dbPassword;

    @Option(names = "--db-password-file", paramLabel = "FILE", description = "File holding the password (db.password-file).")
    Path dbPasswordFile;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT",
            description = "Your Kafka cluster (kafka.bootstrap-servers). Without it a broker is embedded.")
    String bootstrapServers;

    @Option(names = "--data-dir", defaultValue = "./data",
            description = "Where Kafka, PostgreSQL and Streams keep their state (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--simulator-latency-ms", defaultValue = "50",
            description = "Delay of every simulated provider answer, in ms (default: ${DEFAULT-VALUE}).")
    long simulatorLatencyMs;

    @Option(names = "--partitions", defaultValue = "6",
            description = "Partitions of the keyed topics when they are created (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--simulator-failure-rate", defaultValue = "0",
            description = "Share of simulated provider requests that fail (429, 503, hang, malformed JSON), 0 to 1 "
                    + "(default: ${DEFAULT-VALUE}).")
    double simulatorFailureRate;

    @Option(names = "--simulator-rate-limit", defaultValue = "0",
            description = "Requests per minute the simulator accepts before answering 429; 0 for no limit "
                    + "(default: ${DEFAULT-VALUE}).")
    int simulatorRateLimit;

    @Option(names = "--simulator-profile", defaultValue = "kind", paramLabel = "kind|realistic",
            description = "How the simulator behaves: kind serves full days and clean answers; realistic behaves like"
                    + " Yahoo (thin days, rows of null prices, the closing tick, Monday-stamped weeks, some slow answers,"
                    + " 429 for a library User-Agent) (default: ${DEFAULT-VALUE}).")
    String simulatorProfile;

    @Option(names = "--fetcher-requests-per-minute",
            description = "Requests per minute the fetcher allows itself against each provider (default: simulator"
                    + " 6000, yahoo 60, polygon 5, alpaca 200).")
    Integer fetcherRequestsPerMinute;

    @Option(names = "--provider", defaultValue = "simulator",
            description = "Where bars come from: simulator, yahoo, polygon or alpaca (default: ${DEFAULT-VALUE}, which"
                    + " needs no network). Keys from POLYGON_API_KEY, APCA_API_KEY_ID and APCA_API_SECRET_KEY.")
    String provider;

    @Option(names = "--provider-url",
            description = "Base URL of --provider instead of its public one (a proxy, a local look-alike).")
    String providerUrl;

    @Option(names = "--providers", split = ",",
            description = "A fallback chain instead of --provider, first choice first: polygon,yahoo. An entry may"
                    + " carry its URL: yahoo=http://127.0.0.1:9000.")
    List<String> providers;

    @Option(names = "--user-agent",
            description = "User-Agent of every provider request (default: a desktop browser's; Yahoo answers library"
                    + " agents with 429).")
    String userAgent;

    /**
     * The providers these options choose. A {@code simulator} without a URL is the embedded one at
     * {@code simulatorUrl}.
     */
    List<ProviderSettings> providers(String simulatorUrl) {
        ProviderChain.Defaults defaults = new ProviderChain.Defaults(simulatorUrl, fetcherRequestsPerMinute, null,
                null, null);
        if (providers != null && !providers.isEmpty()) {
            if (providerUrl != null) {
                throw new IllegalArgumentException("--provider-url goes with --provider; in a --providers chain give"
                        + " an entry its URL as name=URL");
            }
            return ProviderChain.parse("--providers", providers, defaults);
        }
        ProviderSettings.Kind kind = ProviderSettings.Kind.named("--provider", provider);
        return List.of(ProviderChain.settings("--provider", FetcherSettings.providerName(kind), kind, providerUrl,
                defaults));
    }

    /** Whether the fetcher asks the embedded simulator (the demo reports its request counts then). */
    boolean usesEmbeddedSimulator() {
        return (providers == null || providers.isEmpty()) && providerUrl == null && "simulator".equalsIgnoreCase(
                provider.strip());
    }

    /** How the embedded simulator behaves: kind unless {@code --simulator-profile realistic}. */
    SimulatorProfile simulatorProfile() {
        return SimulatorProfile.parse("--simulator-profile", simulatorProfile);
    }

    EmbeddedStack start(int apiPort) {
        return start(apiPort, dev.barfill.api.ApiConfig.LOOPBACK);
    }

    EmbeddedStack start(int apiPort, String apiHost) {
        if (simulatorLatencyMs < 0) {
            throw new IllegalArgumentException("--simulator-latency-ms must not be negative");
        }
        providers("http://127.0.0.1:1");  // a bad choice fails here, before anything starts
        simulatorProfile();
        System.setProperty("barfill.log.file", dataDir.toAbsolutePath().resolve("barfill.log").toString());
        // Bad settings fail here, before anything starts.
        RoleConfigs configs = settings.load(flags());
        EmbeddedStack.Options given = new GivenInfrastructure(configs, partitions, System.err)
                .apply(options(apiPort, apiHost));
        if (!configs.effective().isEmpty()) {
            LoggerFactory.getLogger(StackOptions.class).info("{}", configs.describe());
        }
        EmbeddedStack stack = EmbeddedStack.create();
        // PostgreSQL outlives a JVM that does not stop it: close on exit, even during start-up.
        Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "barfill-shutdown"));
        return stack.begin(dataDir, given);
    }

    private EmbeddedStack.Options options(int apiPort, String apiHost) {
        Duration latency = Duration.ofMillis(simulatorLatencyMs);
        SimulatorFaults faults = SimulatorFaults.failing(latency, simulatorFailureRate, Duration.ofSeconds(40))
                .withRateLimit(simulatorRateLimit);
        return new EmbeddedStack.Options(apiPort, latency, partitions, faults,
                f -> withUserAgent(f.withProviders(providers(f.providers().get(0).baseUrl()))))
                .withApiHost(apiHost)
                .withSimulatorProfile(simulatorProfile());
    }

    /** The connection options as the settings they stand for, winning over the file and the environment. */
    Map<String, String> flags() {
        Map<String, String> flags = new LinkedHashMap<>();
        put(flags, "db.url", dbUrl);
        put(flags, "db.user", dbUser);
        put(flags, "db.password", dbPassword);
        put(flags, "db.password-file", dbPasswordFile == null ? null : dbPasswordFile.toString());
        put(flags, "kafka.bootstrap-servers", bootstrapServers);
        return flags;
    }

    private static void put(Map<String, String> flags, String key, String value) {
        if (value != null) {
            flags.put(key, value);
        }
    }

    private FetcherConfig withUserAgent(FetcherConfig f) {
        return userAgent == null ? f : f.withUserAgent(userAgent);
    }
}
