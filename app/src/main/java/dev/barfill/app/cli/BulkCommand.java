package dev.barfill.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.barfill.api.BulkCoverageRequest;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code barfill bulk --file universe.txt}: ensure coverage of every symbol in a file (one per
 * line or comma separated; blank lines and {@code #} comments ignored) in one API call; with
 * {@code --refresh} every symbol's window is fetched again. Exits 1
 * when some symbols were refused, after naming each of them.
 */
@Command(name = "bulk", mixinStandardHelpOptions = true,
        description = "Ensure coverage of a universe of symbols read from a file.")
public final class BulkCommand implements Callable<Integer> {
    @Option(names = "--file", required = true, description = "The symbols, one per line or comma separated.")
    Path file;

    @Mixin
    WindowOptions window;

    @Mixin
    ApiOptions api;

    @Option(names = "--refresh", description = "Fetch every trading day of every symbol's window again, settled or not.")
    boolean refresh;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        List<String> symbols = read(file);
        if (symbols.isEmpty()) {
            throw new IllegalArgumentException(file + " lists no symbols");
        }
        JsonNode answer = api.client().ensureCoverage(request(symbols));
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%d symbols: %d covered, %d queued, %d refused%n", answer.path("requested").asInt(),
                answer.path("covered").asInt(), answer.path("queued").asInt(), answer.path("failed").asInt());
        for (JsonNode r : answer.path("results")) {
            String outcome = r.path("outcome").asText();
            if ("queued".equals(outcome)) {
                out.printf("  %-10s queued  job %s%n", r.path("symbol").asText(), r.path("answer").path("jobId").asText());
            } else if (!"covered".equals(outcome)) {
                out.printf("  %-10s %s  %s%n", r.path("symbol").asText(), outcome, r.path("message").asText());
            }
        }
        return answer.path("failed").asInt() > 0 ? 1 : 0;
    }

    BulkCoverageRequest request(List<String> symbols) {
        return window.bulk(symbols, refresh);
    }

    static List<String> read(Path file) throws IOException {
        List<String> symbols = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            String content = line.contains("#") ? line.substring(0, line.indexOf('#')) : line;
            for (String s : content.split(",")) {
                if (!s.isBlank()) {
                    symbols.add(s.trim());
                }
            }
        }
        return symbols;
    }
}
