package dev.barfill.core.kafka;

/** Told of each batch outcome, for readiness. */
public interface LoopHealth {
    void succeeded();

    void failed(Exception e);

    LoopHealth NONE = new LoopHealth() {
        @Override
        public void succeeded() {
        }

        @Override
        public void failed(Exception e) {
        }
    };
}
