package dev.barfill.fetcher.route;

import dev.barfill.core.Timeframe;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The providers to try for each timeframe, in order. By default every provider that can build
 * the timeframe, in the order configured; {@code order} may name a different list per timeframe.
 */
public final class ProviderRouter {
    private final List<ProviderRoute> routes;
    private final Map<Timeframe, List<String>> order;

    public ProviderRouter(List<ProviderRoute> routes, Map<Timeframe, List<String>> order) {
        if (routes.isEmpty()) {
            throw new IllegalArgumentException("the fetcher needs at least one provider");
        }
        this.routes = List.copyOf(routes);
        this.order = Map.copyOf(order);
        for (var entry : this.order.entrySet()) {
            for (String name : entry.getValue()) {
                if (this.routes.stream().noneMatch(r -> r.name().equals(name))) {
                    throw new IllegalArgumentException("fetcher.routes." + entry.getKey() + " names unknown provider '"
                            + name + "'");
                }
            }
        }
    }

    /** Gives every provider's bucket this instance's part of its limit: {@link ProviderRoute#share}. */
    public void share(int assigned, int total) {
        routes.forEach(r -> r.share(assigned, total));
    }

    /** Each provider's part of its limit on this instance, requests per minute, by name. */
    public Map<String, Integer> shares() {
        Map<String, Integer> out = new java.util.LinkedHashMap<>();
        routes.forEach(r -> out.put(r.name(), r.share().share()));
        return out;
    }

    /** Providers able to build {@code tf}, first choice first; empty when none can. */
    public List<ProviderRoute> routesFor(Timeframe tf) {
        List<ProviderRoute> out = new ArrayList<>();
        List<String> names = order.get(tf);
        if (names == null) {
            routes.stream().filter(r -> r.capabilities().source(tf).isPresent()).forEach(out::add);
            return out;
        }
        for (String name : names) {
            routes.stream().filter(r -> r.name().equals(name) && r.capabilities().source(tf).isPresent())
                    .forEach(out::add);
        }
        return out;
    }

    /** The trips in force now, one per tripped provider, in configured order. */
    public List<CircuitBreaker.Trip> trips() {
        return routes.stream().flatMap(r -> r.tripped().stream()).toList();
    }

    /**
     * The providers' state for readiness: serving while at least one provider is not tripped (its
     * days reach that one), with the tripped ones named and why in the detail.
     */
    public Health health() {
        List<CircuitBreaker.Trip> trips = trips();
        List<String> serving = routes.stream().map(ProviderRoute::name)
                .filter(n -> trips.stream().noneMatch(t -> t.provider().equals(n))).toList();
        String detail = trips.isEmpty() ? "serving: " + String.join(", ", serving)
                : trips.stream().map(CircuitBreaker.Trip::toString).collect(java.util.stream.Collectors.joining("; "))
                + (serving.isEmpty() ? "; no provider serves until one cools down"
                        : "; serving: " + String.join(", ", serving));
        return new Health(!serving.isEmpty(), detail);
    }

    /** Whether any provider serves, and a line that names the tripped ones and why. */
    public record Health(boolean serving, String detail) {
    }
}
