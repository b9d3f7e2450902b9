package io.phonegate.deploy;

import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Prometheus names docs/observability.md promises: the second column of its tables
 * ({@code phonegate_auth_start_seconds_bucket/_count/_sum} stands for three names), and the
 * library and Prometheus names of its "From the libraries" section (a timer there,
 * {@code *_seconds}, stands for its {@code _count}, {@code _sum} and {@code _max}).
 */
record MetricsContract(Set<String> names) {

    static final String FILE = "docs/observability.md";
    private static final String LIBRARY_HEADING = "## From the libraries";
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");
    private static final Pattern METRIC = Pattern.compile("[a-z_:][a-z0-9_:]*");

    static MetricsContract load() {
        return parse(Repository.read(FILE));
    }

    static MetricsContract parse(String markdown) {
        Set<String> names = new TreeSet<>();
        int library = markdown.indexOf(LIBRARY_HEADING);
        if (library < 0) {
            throw new AssertionError(FILE + " has no '" + LIBRARY_HEADING + "' section");
        }
        for (String line : markdown.substring(0, library).split("\n")) {
            tablePrometheusColumn(line).ifPresent(cell -> addTableNames(cell, names));
        }
        Matcher code = CODE.matcher(markdown.substring(library));
        while (code.find()) {
            String token = code.group(1);
            if (METRIC.matcher(token).matches() && (token.contains("_") || token.equals("up"))) {
                names.add(token);
                if (token.endsWith("_seconds")) {
                    names.add(token + "_count");
                    names.add(token + "_sum");
                    names.add(token + "_max");
                }
            }
        }
        return new MetricsContract(Set.copyOf(names));
    }

    boolean allows(String name) {
        return names.contains(name);
    }

    private static Optional<String> tablePrometheusColumn(String line) {
        String[] cells = line.strip().split("\\|");
        // "| micrometer | prometheus | tags | meaning |" splits into "", micrometer, prometheus, ...
        if (!line.strip().startsWith("|") || cells.length < 3 || cells[2].isBlank() || cells[2].contains("---")) {
            return Optional.empty();
        }
        return Optional.of(cells[2].strip());
    }

    private static void addTableNames(String cell, Set<String> names) {
        Matcher code = CODE.matcher(cell);
        while (code.find()) {
            String[] parts = code.group(1).split("/");
            String first = parts[0];
            if (!METRIC.matcher(first).matches()) {
                continue;
            }
            names.add(first);
            // phonegate_x_seconds_bucket/_count/_sum: the later parts replace the first one's suffix.
            String base = first.substring(0, first.lastIndexOf('_'));
            for (int i = 1; i < parts.length; i++) {
                names.add(base + parts[i]);
            }
        }
    }
}
