package dev.barfill.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.barfill.core.InvalidRequestException;
import dev.barfill.core.Schedule;
import dev.barfill.core.WindowSizes;
import io.javalin.http.Context;
import java.time.Clock;

/**
 * {@code /v1/schedules}: standing coverage rules on the compacted {@code schedules} topic, which
 * the planner fires after each session close plus the settle delay. A new schedule is answered
 * 201 once Kafka has it (the list shows it a moment later, when the view has read it back); the
 * same name again replaces it. Listing and deleting answer 503 in a process given no schedule view.
 */
final class SchedulesController {
    private final ObjectMapper mapper;
    private final ScheduleView schedules;
    private final RequestPublisher publisher;
    private final Clock clock;
    private final WindowSizes sizes;

    SchedulesController(ObjectMapper mapper, ScheduleView schedules, RequestPublisher publisher, Clock clock,
                        WindowSizes sizes) {
        this.mapper = mapper;
        this.schedules = schedules;
        this.publisher = publisher;
        this.clock = clock;
        this.sizes = sizes;
    }

    void create(Context ctx) {
        Schedule sent = JsonBody.read(ctx, mapper, Schedule.class, "schedule");
        Schedule valid = Schedule.validated(sent, sizes);
        Schedule stamped = valid.createdAt(clock.instant());
        publisher.publish(stamped);
        ctx.status(201).json(stamped);
    }

    void list(Context ctx) {
        ctx.json(view().all());
    }

    void delete(Context ctx) {
        String name = ctx.pathParam("name");
        if (!name.matches("[A-Za-z0-9_.-]{1,64}")) {
            throw new InvalidRequestException("name", "must be 1-64 of A-Z a-z 0-9 _ . -, got '" + name + "'");
        }
        Schedule existing = view().get(name).orElseThrow(() -> ApiException.notFound("no schedule " + name));
        publisher.deleteSchedule(name);
        ctx.status(202).json(existing);
    }

    private ScheduleView view() {
        if (schedules == null) {
            throw ApiException.unavailable("schedules: not available in this API process");
        }
        return schedules;
    }
}
