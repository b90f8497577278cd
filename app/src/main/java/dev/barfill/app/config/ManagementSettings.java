package dev.barfill.app.config;

import java.time.Duration;

/**
 * Where a role serves {@code /health/live}, {@code /health/ready} and {@code /metrics}
 * ({@code management.*}; {@code BARFILL_MANAGEMENT_PORT}).
 *
 * @param port          port of the management endpoints; 0 picks a free one, -1 serves none
 * @param host          address to bind (default 0.0.0.0, so Prometheus and a container's health
 *                      check reach it; the endpoints take no input and reveal no data)
 * @param consumerGrace how long a consumer may be out of its group (a rebalance) before the role
 *                      stops being ready
 */
public record ManagementSettings(int port, String host, Duration consumerGrace) {
    public static final int DEFAULT_PORT = 9464;

    public ManagementSettings {
        if (port < -1 || port > 65535) {
            throw new IllegalArgumentException("management.port must be a port, 0 for any free one or -1 for none, got "
                    + port);
        }
        if (consumerGrace.isNegative()) {
            throw new IllegalArgumentException("management.consumer-grace must not be negative, got " + consumerGrace);
        }
    }

    static ManagementSettings defaults() {
        return new ManagementSettings(DEFAULT_PORT, "0.0.0.0", Duration.ofSeconds(30));
    }

    public boolean enabled() {
        return port >= 0;
    }
}
