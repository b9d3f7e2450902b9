package io.phonegate.dispatcher.sms;

/** What one provider call came to. */
public sealed interface SendResult {

    /** The provider took the message. */
    record Accepted(String messageId) implements SendResult {
    }

    /**
     * The provider did not take it.
     *
     * @param errorCode the provider's error code ({@code Throttled}, {@code InvalidParameter}) or the client
     *                  failure's class name; never the message text
     */
    record Refused(Failure failure, String errorCode) implements SendResult {
    }

    /** How to treat a refusal; {@link #tag()} is the {@code result} label of {@code phonegate.sms.send.attempts}. */
    enum Failure {
        /** The provider asked us to slow down: retry later. */
        THROTTLED("throttled"),
        /** A 5xx, a timeout or a broken connection: retry later. */
        TRANSIENT("transient"),
        /** The request itself is wrong (invalid number, opted out, not authorised): retrying cannot help. */
        PERMANENT("permanent");

        private final String tag;

        Failure(String tag) {
            this.tag = tag;
        }

        public String tag() {
            return tag;
        }

        public boolean retryable() {
            return this != PERMANENT;
        }
    }
}
