package io.phonegate.common.event;

/** Checks for the events' compact constructors; the message names the missing field. */
final class Required {

    private Required() {
    }

    static <T> T field(T value, String name) {
        if (value == null) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value;
    }

    static String text(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value;
    }
}
