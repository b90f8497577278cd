package dev.barfill.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * docs/BENCHMARKS.md holds one section per benchmark, each between {@code <!-- name:begin -->}
 * and {@code <!-- name:end -->}; a run rewrites its own section and leaves the others as they are.
 */
final class ReportFile {
    private ReportFile() {
    }

    static void replaceSection(Path file, String name, String content) throws IOException {
        String begin = "<!-- " + name + ":begin -->";
        String end = "<!-- " + name + ":end -->";
        String text = Files.exists(file) ? Files.readString(file) : "# Benchmarks\n";
        String section = begin + "\n" + content.strip() + "\n" + end;
        int from = text.indexOf(begin);
        int to = text.indexOf(end);
        if (from >= 0 && to > from) {
            text = text.substring(0, from) + section + text.substring(to + end.length());
        } else {
            text = text.stripTrailing() + "\n\n" + section + "\n";
        }
        Files.writeString(file, text);
    }
}
