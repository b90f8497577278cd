package dev.barfill.app;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code barfill run}: every role in one process with the REST API, as a service until Ctrl-C or
 * SIGTERM, on the user's PostgreSQL and Kafka when named, embedding whichever is not.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run every role (and the provider simulator) in one process with the REST API.",
                "Uses your PostgreSQL (--db-url, tables in schema db.schema, default barfill) and Kafka"
                        + " (--bootstrap-servers), or db.* and kafka.* from --config FILE; embeds whichever is not given."})
public final class RunCommand implements Callable<Integer> {
    @Mixin
    StackOptions stack;

    @Option(names = "--port", defaultValue = "8080", description = "REST port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1",
            description = "Address the REST API binds; 0.0.0.0 opens it to other machines, so set BARFILL_API_KEYS"
                    + " (default: ${DEFAULT-VALUE}).")
    String host;

    @Override
    public Integer call() throws InterruptedException {
        EmbeddedStack running = stack.start(port, host);
        System.out.printf("barfill is running: API %s, Kafka %s, PostgreSQL %s (schema %s)%n", running.apiUrl(),
                running.bootstrapServers(), EmbeddedStack.withoutParameters(running.dataSource().getJdbcUrl()),
                running.dataSource().getSchema());
        System.out.println("Ctrl-C stops it.");
        new CountDownLatch(1).await();
        return 0;
    }
}
