package dev.barfill.bench;

/** One figure of a scenario: what, how much, in which unit, and how to read it. */
public record Row(String scenario, String metric, double value, String unit, String note) {
}
