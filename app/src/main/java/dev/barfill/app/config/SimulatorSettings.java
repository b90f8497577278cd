package dev.barfill.app.config;

import dev.barfill.app.simulator.RealisticTraits;
import dev.barfill.app.simulator.SimulatorProfile;
import java.time.Duration;

/**
 * The {@code barfill simulator} role's settings ({@code simulator.*}; {@code BARFILL_SIMULATOR_PROFILE}).
 *
 * @param profile    kind (default: full days, clean answers) or realistic (like Yahoo: see {@link RealisticTraits})
 * @param slowShare  under the realistic profile, share of requests answered late (default 0.1)
 * @param slowDelay  how late they are (default 300ms)
 */
public record SimulatorSettings(SimulatorProfile profile, double slowShare, Duration slowDelay) {

    public SimulatorSettings {
        traits(slowShare, slowDelay);  // fails naming the setting
    }

    static SimulatorSettings defaults() {
        RealisticTraits d = RealisticTraits.defaults();
        return new SimulatorSettings(SimulatorProfile.KIND, d.slowShare(), d.slowDelay());
    }

    public RealisticTraits traits() {
        return traits(slowShare, slowDelay);
    }

    private static RealisticTraits traits(double slowShare, Duration slowDelay) {
        return RealisticTraits.defaults().withSlow(slowShare, slowDelay);
    }
}
