package dev.barfill.app;

import dev.barfill.app.config.ConfigException;
import dev.barfill.app.config.RoleConfigs;
import java.io.PrintStream;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The user's own Kafka cluster and PostgreSQL, as far as the settings of {@code run} and
 * {@code demo} name them: {@code kafka.*} when {@code kafka.bootstrap-servers} is set, {@code db.*}
 * when {@code db.url} is set, bound as the role commands bind them. What is not named is embedded.
 * A key of a section whose connection is not named would be silently unused, so it is refused;
 * keys of the role sections ({@code sink.*}, ...) are reported as not read by this command.
 */
final class GivenInfrastructure {
    /** Four roles share the pool of the one-process stack. */
    static final int POOL_SIZE = 16;

    private final RoleConfigs configs;
    private final int defaultPartitions;
    private final PrintStream notices;

    GivenInfrastructure(RoleConfigs configs, int defaultPartitions, PrintStream notices) {
        this.configs = configs;
        this.defaultPartitions = defaultPartitions;
        this.notices = notices;
    }

    EmbeddedStack.Options apply(EmbeddedStack.Options options) {
        EmbeddedStack.Options given = options;
        if (configs.isSet("kafka.bootstrap-servers")) {
            given = given.withKafka(configs.kafka(defaultPartitions));
        } else {
            refuseWithout("kafka.", "kafka.bootstrap-servers (--bootstrap-servers)", "a Kafka broker");
        }
        if (configs.isSet("db.url")) {
            given = given.withDatabase(configs.database(POOL_SIZE));
        } else {
            refuseWithout("db.", "db.url (--db-url)", "PostgreSQL");
        }
        configs.rejectUnknown();
        Set<String> unread = new TreeSet<>(configs.explicitKeys(""));
        unread.removeIf(k -> k.startsWith("kafka.") || k.startsWith("db."));
        if (!unread.isEmpty()) {
            notices.println("note: this command reads the db.* and kafka.* settings only; not read here: "
                    + String.join(", ", unread));
        }
        return given;
    }

    private void refuseWithout(String prefix, String connection, String embedded) {
        Set<String> stray = configs.explicitKeys(prefix);
        if (!stray.isEmpty()) {
            throw new ConfigException(List.of(String.join(", ", stray) + " set without " + connection
                    + ": this command then embeds " + embedded + " of its own; name yours with " + connection));
        }
    }
}
