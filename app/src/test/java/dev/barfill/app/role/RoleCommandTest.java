package dev.barfill.app.role;

import static org.assertj.core.api.Assertions.assertThat;

import dev.barfill.app.config.RoleConfigs;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

class RoleCommandTest {
    private final String logFile = System.getProperty("barfill.log.file");
    private final String consoleLevel = System.getProperty("barfill.console.level");

    /** A role whose client ends by itself right after it started, as a planner whose Streams client died. */
    @Command(name = "dying")
    static final class DyingRole extends RoleCommand {
        final AtomicInteger closed = new AtomicInteger();

        @Override
        protected String prefix() {
            return "dying.";
        }

        @Override
        protected void parse(RoleConfigs configs) {
        }

        @Override
        protected AutoCloseable start(RoleConfigs configs) {
            return closed::incrementAndGet;
        }

        @Override
        protected CompletableFuture<String> ended() {
            return CompletableFuture.completedFuture("the planner's Kafka Streams client ended in state ERROR");
        }
    }

    @AfterEach
    void restoreLogging() {
        restore("barfill.log.file", logFile);
        restore("barfill.console.level", consoleLevel);
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }

    @Test
    void shouldCloseTheRoleAndExitWithStatusOneWhenItEndsByItself() {
        DyingRole role = new DyingRole();
        assertThat(new CommandLine(role).execute()).isEqualTo(1);
        assertThat(role.closed).hasValue(1);
    }
}
