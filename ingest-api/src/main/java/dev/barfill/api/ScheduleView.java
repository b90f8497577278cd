package dev.barfill.api;

import dev.barfill.core.Schedule;
import dev.barfill.core.config.KafkaSettings;
import dev.barfill.core.kafka.CompactedTopicReader;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The compacted {@code schedules} topic held in this process, every partition, read from the start. */
public final class ScheduleView implements AutoCloseable {
    private final Map<String, Schedule> schedules = new ConcurrentHashMap<>();
    private final CompactedTopicReader<Schedule> reader;

    public ScheduleView(KafkaSettings kafka) {
        this.reader = new CompactedTopicReader<>(kafka.bootstrapServers(), "barfill-api-schedules",
                kafka.topics().schedules, this::apply);
    }

    public void start() {
        reader.start();
    }

    void apply(String name, Schedule schedule) {
        if (schedule == null) {
            schedules.remove(name);
        } else {
            schedules.put(name, schedule);
        }
    }

    public Optional<Schedule> get(String name) {
        return Optional.ofNullable(schedules.get(name));
    }

    /** By name. */
    public List<Schedule> all() {
        return schedules.values().stream().sorted(Comparator.comparing(Schedule::name)).toList();
    }

    @Override
    public void close() throws InterruptedException {
        reader.close();
    }
}
