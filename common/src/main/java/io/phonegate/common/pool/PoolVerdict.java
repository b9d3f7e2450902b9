package io.phonegate.common.pool;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * What a check of a pool's settings found.
 *
 * @param subject    what was checked, e.g. {@code user pool us-east-1_abc, app client 4d5e…}
 * @param mismatches settings Phonegate cannot work with, each naming the setting, its value and why
 * @param warnings   settings that work but should change
 */
public record PoolVerdict(String subject, List<String> mismatches, List<String> warnings) {

    public PoolVerdict {
        mismatches = List.copyOf(mismatches);
        warnings = List.copyOf(warnings);
    }

    /** The pool or client could not be found: one mismatch that says so. */
    public static PoolVerdict missing(String subject, String what) {
        return new PoolVerdict(subject, List.of(what), List.of());
    }

    public boolean suits() {
        return mismatches.isEmpty();
    }

    /** One message naming every mismatch, for the log and the readiness details. */
    public String describe() {
        if (suits()) {
            return "Cognito " + subject + " suits Phonegate" + (warnings.isEmpty() ? "" : "; warnings: " + numbered(warnings));
        }
        return "Cognito " + subject + " does not suit Phonegate (" + mismatches.size()
                + (mismatches.size() == 1 ? " setting" : " settings") + " to fix): " + numbered(mismatches)
                + (warnings.isEmpty() ? "" : "; warnings: " + numbered(warnings));
    }

    private static String numbered(List<String> items) {
        return IntStream.range(0, items.size()).mapToObj(i -> "[" + (i + 1) + "] " + items.get(i))
                .collect(Collectors.joining("; "));
    }
}
