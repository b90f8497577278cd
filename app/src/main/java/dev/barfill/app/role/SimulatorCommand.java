package dev.barfill.app.role;

import dev.barfill.app.config.RoleConfigs;
import dev.barfill.app.config.SettingsOptions;
import dev.barfill.app.config.SimulatorSettings;
import dev.barfill.app.simulator.SimulatedMarket;
import dev.barfill.app.simulator.SimulatorFaults;
import dev.barfill.app.simulator.SimulatorProfile;
import dev.barfill.app.simulator.YahooSimulator;
import dev.barfill.core.calendar.CalendarRegistry;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code barfill simulator}: the Yahoo-format provider simulator as a service of its own. Its
 * settings are {@code simulator.*} ({@link SimulatorSettings}), from {@code --config FILE},
 * {@code BARFILL_SIMULATOR_*} variables or {@code --set}; {@code --simulator-profile} wins over them.
 */
@Command(name = "simulator", mixinStandardHelpOptions = true,
        description = "Serve simulated Yahoo v8 chart answers, for trying the production layout without a provider.")
public final class SimulatorCommand implements Callable<Integer> {
    @Mixin
    SettingsOptions settings;

    @Option(names = "--port", defaultValue = "8090", description = "Port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--bind", defaultValue = "0.0.0.0", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String bind;

    @Option(names = "--latency-ms", defaultValue = "50", description = "Delay of every answer (default: ${DEFAULT-VALUE}).")
    long latencyMs;

    @Option(names = "--simulator-profile", paramLabel = "kind|realistic",
            description = "kind serves full days and clean answers; realistic behaves like Yahoo (thin days, rows of"
                    + " null prices, the closing tick, Monday-stamped weeks, some slow answers, 429 for a library"
                    + " User-Agent). Setting simulator.profile (default: kind).")
    String profile;

    @Option(names = "--check", description = "Validate the settings, print them and exit.")
    boolean check;

    @Override
    public Integer call() throws Exception {
        RoleConfigs configs = load(settings, profile);
        SimulatorSettings simulator = configs.simulator();
        configs.rejectUnknown("simulator.");
        if (check) {
            System.out.println(configs.describe());
            return 0;
        }
        YahooSimulator running = new YahooSimulator(new SimulatedMarket(CalendarRegistry.defaults()),
                SimulatorFaults.none(Duration.ofMillis(latencyMs)), new InetSocketAddress(bind, port))
                .withProfile(simulator.profile(), simulator.traits()).start();
        Runtime.getRuntime().addShutdownHook(new Thread(running::close, "barfill-shutdown"));
        System.out.printf("provider simulator (%s profile) listening on %s:%d%n", simulator.profile(), bind, port);
        new CountDownLatch(1).await();
        return 0;
    }

    /** The {@code simulator.*} settings, {@code profile} (the option, when given) winning. */
    static SimulatorSettings settings(SettingsOptions settings, String profile) {
        RoleConfigs configs = load(settings, profile);
        SimulatorSettings simulator = configs.simulator();
        configs.rejectUnknown("simulator.");
        return simulator;
    }

    private static RoleConfigs load(SettingsOptions settings, String profile) {
        Map<String, String> options = new LinkedHashMap<>();
        if (profile != null) {
            options.put("simulator.profile", SimulatorProfile.parse("--simulator-profile", profile).toString());
        }
        return settings.load(options);
    }
}
