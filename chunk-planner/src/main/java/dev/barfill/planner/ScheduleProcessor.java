package dev.barfill.planner;

import dev.barfill.core.CoverageRequest;
import dev.barfill.core.Schedule;
import dev.barfill.core.Series;
import dev.barfill.core.Symbol;
import dev.barfill.core.Timeframe;
import dev.barfill.core.calendar.CalendarRegistry;
import dev.barfill.core.kafka.Topic;
import dev.barfill.core.kafka.Topics;
import dev.barfill.planner.plan.ScheduleDue;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the schedules of its partitions of the compacted {@code schedules} topic and fires them
 * from a wall-clock punctuator that reads the injected clock: each due schedule puts one coverage
 * request per symbol on {@code coverage-requests} (keyed by series, so the planner's own task of
 * that series plans it), and records the due time it fired for. A schedule lives on one partition,
 * so one planner instance fires it; the fired time is in a changelogged store committed with the
 * requests (exactly-once), so a restart neither repeats nor loses a firing. A request sent twice
 * would anyway name the same job.
 */
final class ScheduleProcessor implements Processor<String, byte[], String, byte[]> {
    private static final Logger LOG = LoggerFactory.getLogger(ScheduleProcessor.class);

    private final CalendarRegistry calendars;
    private final Clock clock;
    private final Duration check;
    private final Topic<String, Schedule> topic;
    private ProcessorContext<String, byte[]> context;
    private KeyValueStore<String, Schedule> schedules;
    private KeyValueStore<String, Long> fired;

    ScheduleProcessor(CalendarRegistry calendars, Clock clock, Duration check, Topic<String, Schedule> topic) {
        this.calendars = calendars;
        this.clock = clock;
        this.check = check;
        this.topic = topic;
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
        this.schedules = context.getStateStore(PlannerTopology.SCHEDULES_STORE);
        this.fired = context.getStateStore(PlannerTopology.FIRED_STORE);
        context.schedule(check, PunctuationType.WALL_CLOCK_TIME, this::fireDue);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        String name = record.key();
        if (name == null) {
            return;
        }
        if (record.value() == null) {
            schedules.delete(name);
            fired.delete(name);
            return;
        }
        try {
            Schedule s = topic.valueSerde().deserializer().deserialize(topic.name(), record.value());
            if (s.symbols().isEmpty() || !name.equals(s.name())) {
                throw new IllegalArgumentException("a schedule needs symbols and its name as key");
            }
            Timeframe.parse(s.timeframe());
            if (s.cron() != null) {
                dev.barfill.core.CronExpression.parse(s.cron());
            }
            schedules.put(name, s);
        } catch (RuntimeException e) {
            // A state topic: an unreadable value is skipped (and the old schedule kept), never fatal.
            LOG.warn("schedule {} skipped: {}", name, e.getMessage());
        }
    }

    /**
     * @param wallClock the punctuation's real time, which the fired records carry: the injected clock
     *                  decides what is due, but the broker refuses records stamped far from its own time
     */
    private void fireDue(long wallClock) {
        Instant now = clock.instant();
        List<KeyValue<String, Schedule>> all = new ArrayList<>();
        try (KeyValueIterator<String, Schedule> it = schedules.all()) {
            it.forEachRemaining(all::add);
        }
        for (KeyValue<String, Schedule> kv : all) {
            Schedule s = kv.value;
            Long last = fired.get(kv.key);
            ScheduleDue.toFire(calendars.forSymbol(Symbol.parse(s.symbols().get(0))), s,
                    last == null ? null : Instant.ofEpochMilli(last), now).ifPresent(due -> fire(s, due, wallClock));
        }
    }

    private void fire(Schedule s, Instant due, long wallClock) {
        for (CoverageRequest r : s.requests(due)) {
            try {
                String key = new Series(Symbol.parse(r.symbol()), Timeframe.parse(r.timeframe())).key();
                context.forward(new Record<>(key, Topics.REQUEST_VALUES.serialize("coverage-requests", r), wallClock));
            } catch (RuntimeException e) {
                LOG.warn("schedule {}: symbol {} skipped: {}", s.name(), r.symbol(), e.getMessage());
            }
        }
        fired.put(s.name(), due.toEpochMilli());
        LOG.info("schedule {} fired for {}: {} symbol(s), last {} trading days", s.name(), due, s.symbols().size(),
                s.days());
    }
}
