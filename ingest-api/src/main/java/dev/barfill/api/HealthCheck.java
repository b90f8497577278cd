package dev.barfill.api;

/** One dependency the API needs to answer; {@code /health/ready} asks each of them. */
public interface HealthCheck {

    /** The check's name in the readiness answer, such as {@code kafka}. */
    String name();

    /** Looks now; must answer within a couple of seconds and never throw. */
    Status check();

    /** Up or not, with a sentence for whoever reads the answer. */
    record Status(boolean up, String detail) {
        public static Status up(String detail) {
            return new Status(true, detail);
        }

        public static Status down(String detail) {
            return new Status(false, detail);
        }
    }
}
