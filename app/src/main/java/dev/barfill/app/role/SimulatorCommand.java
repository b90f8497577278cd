package dev.barfill.app.role;

import dev.barfill.app.simulator.SimulatedMarket;
import dev.barfill.app.simulator.YahooSimulator;
import dev.barfill.core.calendar.CalendarRegistry;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code barfill simulator}: the Yahoo-format provider simulator as a service of its own. */
@Command(name = "simulator", mixinStandardHelpOptions = true,
        description = "Serve simulated Yahoo v8 chart answers, for trying the production layout without a provider.")
public final class SimulatorCommand implements Callable<Integer> {
    @Option(names = "--port", defaultValue = "8090", description = "Port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--bind", defaultValue = "0.0.0.0", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String bind;

    @Option(names = "--latency-ms", defaultValue = "50", description = "Delay of every answer (default: ${DEFAULT-VALUE}).")
    long latencyMs;

    @Override
    public Integer call() throws Exception {
        YahooSimulator simulator = new YahooSimulator(new SimulatedMarket(CalendarRegistry.defaults()),
                dev.barfill.app.simulator.SimulatorFaults.none(Duration.ofMillis(latencyMs)),
                new InetSocketAddress(bind, port)).start();
        Runtime.getRuntime().addShutdownHook(new Thread(simulator::close, "barfill-shutdown"));
        System.out.printf("provider simulator listening on %s:%d%n", bind, port);
        new CountDownLatch(1).await();
        return 0;
    }
}
