package dev.barfill.app.dlq;

import dev.barfill.app.config.RoleConfigs;
import dev.barfill.app.config.SettingsOptions;
import dev.barfill.core.config.KafkaSettings;
import java.io.PrintWriter;
import java.util.LinkedHashSet;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** {@code barfill dlq list|replay}: inspect dead-lettered records and re-drive them. */
@Command(name = "dlq", mixinStandardHelpOptions = true,
        description = "Inspect and replay dead-lettered records of any DLQ: coverage-requests, chunk-events, job-commands,"
                + " chunks or bars.")
public final class DlqCommand {
    @Spec
    CommandSpec spec;

    @Mixin
    SettingsOptions settings;

    @Option(names = "--topic", defaultValue = "chunks", scope = ScopeType.INHERIT,
            description = "Which DLQ: coverage-requests, chunk-events, job-commands, chunks or bars, or a full topic name"
                    + " ending in .dlq (default: ${DEFAULT-VALUE}).")
    String topic;

    @Command(name = "list", description = "Print every record of the DLQ with its headers (reason, source, attempt).")
    int list(@Option(names = "--max-value-chars", defaultValue = "300") int maxValue) {
        KafkaSettings kafka = kafka();
        List<DlqRecord> records = DlqReader.readAll(kafka, dlqTopic(kafka));
        PrintWriter out = spec.commandLine().getOut();
        records.forEach(r -> out.println(r.describe(maxValue)));
        out.printf("%d record(s) in %s%n", records.size(), dlqTopic(kafka));
        out.flush();
        return 0;
    }

    @Command(name = "replay", description = "Produce dead-lettered records back to their source topic, without the"
            + " error headers; a chunk goes back as attempt 1 with no not-before, so it gets its full retry budget.")
    int replay(@Option(names = "--offset", paramLabel = "PARTITION@OFFSET", split = ",",
                       description = "Only these records (as printed by list).") List<String> offsets,
               @Option(names = "--key", description = "Only records with this key, e.g. AAPL:15m.") String key,
               @Option(names = "--all", description = "Every record of the DLQ.") boolean all,
               @Option(names = "--dry-run", description = "Say what would be replayed, produce nothing.") boolean dryRun)
            throws Exception {
        if (!all && key == null && (offsets == null || offsets.isEmpty())) {
            throw new IllegalArgumentException("say which records: --offset P@O, --key KEY or --all");
        }
        KafkaSettings kafka = kafka();
        List<ReplayPlan.Replay> plan = ReplayPlan.select(DlqReader.readAll(kafka, dlqTopic(kafka)),
                offsets == null ? java.util.Set.of() : new LinkedHashSet<>(offsets), key);
        PrintWriter out = spec.commandLine().getOut();
        if (!dryRun) {
            DlqReplayer.produce(kafka, plan);
        }
        plan.forEach(r -> out.printf("%s %s <- %s%n", dryRun ? "would replay" : "replayed", r.topic(),
                r.headers().get(ReplayPlan.REPLAYED_FROM)));
        out.printf("%d record(s) %s%n", plan.size(), dryRun ? "selected (dry run)" : "replayed");
        out.flush();
        return 0;
    }

    private KafkaSettings kafka() {
        RoleConfigs configs = settings.load();
        KafkaSettings kafka = configs.kafka();
        // Only the shared sections: dlq has no section of its own.
        configs.rejectUnknown();
        return kafka;
    }

    private String dlqTopic(KafkaSettings kafka) {
        return topic.endsWith(ReplayPlan.DLQ_SUFFIX) ? topic : kafka.topics().name(topic + ReplayPlan.DLQ_SUFFIX);
    }
}
