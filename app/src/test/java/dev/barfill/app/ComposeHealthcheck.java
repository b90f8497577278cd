package dev.barfill.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The roles' health check of docker-compose.yml, run here as the container runs it: {@code bash -c}
 * with {@code BARFILL_MANAGEMENT_PORT} set ({@code $$} in the compose file is compose's escape of {@code $}).
 */
final class ComposeHealthcheck {
    private ComposeHealthcheck() {
    }

    /** The {@code test:} of the barfill services, as compose hands it to the container. */
    static List<String> command() throws Exception {
        for (String line : Files.readAllLines(ChildJvm.ROOT.resolve("docker-compose.yml"))) {
            String t = line.strip();
            if (t.startsWith("test: [\"CMD\", \"bash\"")) {
                List<?> parts = new ObjectMapper().readValue(t.substring("test: ".length()), List.class);
                return parts.stream().skip(1).map(p -> ((String) p).replace("$$", "$")).toList();
            }
        }
        throw new AssertionError("no bash health check in docker-compose.yml");
    }

    /** The health check's exit status against a role whose management port is {@code port}. */
    static int run(int port) throws Exception {
        ProcessBuilder b = new ProcessBuilder(command()).redirectErrorStream(true);
        b.environment().put("BARFILL_MANAGEMENT_PORT", Integer.toString(port));
        Process p = b.start();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }
}
