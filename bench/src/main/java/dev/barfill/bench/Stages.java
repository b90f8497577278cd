package dev.barfill.bench;

import java.util.List;

/**
 * The pipeline's stages as groups of this JVM's threads, by the names the roles give them: Kafka
 * clients name their threads after their client id, which each role sets ({@code barfill-planner}
 * is the Streams application id, {@code barfill-fetcher}, {@code barfill-sink}, ...).
 */
final class Stages {
    static final ThreadCpu.Group PLANNER = new ThreadCpu.Group("planner",
            n -> n.contains("barfill-planner") || n.startsWith("planner-"));
    static final ThreadCpu.Group FETCHER = new ThreadCpu.Group("fetcher",
            n -> n.startsWith("fetch") || n.contains("barfill-fetcher") || n.startsWith("OkHttp"));
    static final ThreadCpu.Group SINK = new ThreadCpu.Group("sink",
            n -> n.startsWith("sink") || n.contains("barfill-sink"));
    /** The API's views: its readers of job-progress and of schedules, each a thread named after its client id. */
    static final ThreadCpu.Group API_VIEW = new ThreadCpu.Group("API view",
            n -> n.contains("barfill-api-jobs") || n.contains("barfill-api-schedules"));
    static final ThreadCpu.Group API_HTTP = new ThreadCpu.Group("API HTTP and publishing",
            n -> n.contains("barfill-api") || n.startsWith("JettyServerThreadPool") || n.startsWith("qtp"));
    static final ThreadCpu.Group SIMULATOR = new ThreadCpu.Group("provider simulator", n -> n.startsWith("simulator"));

    /** The benchmark's own threads: the load generator, the stage clock, the API client polling jobs. */
    static final ThreadCpu.Group HARNESS = new ThreadCpu.Group("bench harness",
            n -> n.equals("main") || n.startsWith("stage-clock") || n.startsWith("HttpClient-") || n.startsWith("bench-"));

    static final List<ThreadCpu.Group> ALL = List.of(PLANNER, FETCHER, SINK, API_VIEW, API_HTTP, SIMULATOR, HARNESS);

    private Stages() {
    }
}
