package io.phonegate.gateway.testnumbers;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.phonegate.common.phone.PhoneNumber;
import io.phonegate.common.testnumber.TestNumbers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which starts go to a test number: those log in with the fixed code the Create trigger makes for them, and
 * are never texted (no {@code OtpRequested} is published, so no SMS can go out, whatever the dispatcher's
 * settings). The gateway and the Create trigger each read the list; a challenge is never texted when either
 * says it is a test number, so a fixed code never leaves by SMS even when the two lists disagree (logged as an
 * error and counted: with the gateway's entry alone the number cannot log in, the trigger made a random code).
 */
public final class TestNumberPolicy {

    private static final Logger log = LoggerFactory.getLogger(TestNumberPolicy.class);

    private final TestNumbers numbers;
    private final Counter agreeing;
    private final Counter disagreeing;

    TestNumberPolicy(TestNumbers numbers, MeterRegistry meters) {
        this.numbers = numbers;
        this.agreeing = counter(meters, "agree");
        this.disagreeing = counter(meters, "disagree");
    }

    private static Counter counter(MeterRegistry meters, String settings) {
        return Counter.builder("phonegate.test.number.starts").tag("settings", settings)
                .description("Starts for test numbers (never texted), by whether the gateway's and the Create "
                        + "trigger's lists agreed on the number").register(meters);
    }

    /**
     * Decides whether the code of a start must not be texted, and counts a test number's start.
     *
     * @param triggerSaysTestNumber the Create trigger marked the challenge {@code testNumber=true} (its code is fixed)
     */
    public boolean untexted(PhoneNumber phone, boolean triggerSaysTestNumber) {
        boolean listed = numbers.contains(phone.e164());
        if (listed && triggerSaysTestNumber) {
            agreeing.increment();
        } else if (triggerSaysTestNumber) {
            disagreeing.increment();
            log.error("The Create trigger lists {} as a test number (fixed code) but this gateway does not: not texted. "
                    + "Give both the same PHONEGATE_TEST_NUMBERS", phone);
        } else if (listed) {
            disagreeing.increment();
            log.error("{} is a test number here but the Create trigger made it a random code, which nobody gets: it "
                    + "cannot log in. Give both the same PHONEGATE_TEST_NUMBERS", phone);
        }
        return listed || triggerSaysTestNumber;
    }
}
