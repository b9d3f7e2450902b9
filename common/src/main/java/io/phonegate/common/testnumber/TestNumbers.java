package io.phonegate.common.testnumber;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Phone numbers that log in with a fixed code and are never texted: what app-store reviewers and load
 * tests are given. The gateway and the Create trigger read the same setting ({@code PHONEGATE_TEST_NUMBERS})
 * in this one format: comma-separated {@code <number>:<code>} or {@code <prefix>*:<code>} entries, e.g.
 * {@code +15555550100:123456,+9199999000*:000000}. A number is E.164; a prefix has a country code and at
 * least six digits in all, so no setting can make a whole country a test number. An exact number wins
 * over a prefix, a longer prefix over a shorter one. The codes never appear in {@link #toString()}.
 */
public final class TestNumbers {

    /** The environment variable both sides read. */
    public static final String ENV = "PHONEGATE_TEST_NUMBERS";
    public static final TestNumbers NONE = new TestNumbers(List.of());

    private static final Pattern NUMBER = Pattern.compile("\\+[1-9][0-9]{6,14}");
    private static final Pattern PREFIX = Pattern.compile("\\+[1-9][0-9]{5,14}\\*");
    private static final Pattern CODE = Pattern.compile("[0-9]{4,10}");

    private record Entry(String digits, boolean prefix, String code) {

        boolean matches(String e164) {
            return prefix ? e164.startsWith(digits) : e164.equals(digits);
        }
    }

    /** Exact numbers first, then prefixes from the longest: the first match is the one that applies. */
    private final List<Entry> entries;

    private TestNumbers(List<Entry> entries) {
        this.entries = entries.stream()
                .sorted(Comparator.comparing(Entry::prefix).thenComparing(e -> -e.digits().length()))
                .toList();
    }

    /**
     * @param setting the entries as configured; {@code null} or blank is none
     * @throws IllegalArgumentException naming the entry that is malformed (without its code)
     */
    public static TestNumbers parse(String setting) {
        if (setting == null || setting.isBlank()) {
            return NONE;
        }
        List<Entry> entries = new ArrayList<>();
        for (String raw : setting.split(",")) {
            String entry = raw.strip();
            if (entry.isEmpty()) {
                continue;
            }
            int colon = entry.lastIndexOf(':');
            String number = colon < 0 ? entry : entry.substring(0, colon).strip();
            String code = colon < 0 ? "" : entry.substring(colon + 1).strip();
            boolean prefix = PREFIX.matcher(number).matches();
            if (!prefix && !NUMBER.matcher(number).matches()) {
                throw new IllegalArgumentException(ENV + ": '" + number + "' is neither an E.164 number (+15555550100) "
                        + "nor a prefix of at least six digits ending in * (+1555555*)");
            }
            if (!CODE.matcher(code).matches()) {
                throw new IllegalArgumentException(ENV + ": the code of " + number + " must be 4-10 digits, "
                        + "written <number>:<code>");
            }
            String digits = prefix ? number.substring(0, number.length() - 1) : number;
            if (entries.stream().anyMatch(e -> e.digits().equals(digits) && e.prefix() == prefix)) {
                throw new IllegalArgumentException(ENV + ": " + number + " is listed twice");
            }
            entries.add(new Entry(digits, prefix, code));
        }
        return new TestNumbers(entries);
    }

    /** The fixed code of an E.164 number, if it is a test number. */
    public Optional<String> codeFor(String e164) {
        return entries.stream().filter(e -> e.matches(e164)).map(Entry::code).findFirst();
    }

    public boolean contains(String e164) {
        return codeFor(e164).isPresent();
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** @throws IllegalArgumentException when a fixed code is not {@code length} digits: no answer could ever match it */
    public TestNumbers requireCodeLength(int length) {
        for (Entry entry : entries) {
            if (entry.code().length() != length) {
                throw new IllegalArgumentException(ENV + ": the code of " + entry.digits() + (entry.prefix() ? "*" : "")
                        + " has " + entry.code().length() + " digits, but codes have " + length);
            }
        }
        return this;
    }

    /** The numbers and prefixes, never their codes. */
    @Override
    public String toString() {
        return "TestNumbers" + entries.stream().map(e -> e.digits() + (e.prefix() ? "*" : "")).toList();
    }
}
