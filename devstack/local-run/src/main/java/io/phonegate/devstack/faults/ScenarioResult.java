package io.phonegate.devstack.faults;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * One scenario's line. The harms (a 202 without a report or without an SMS, an SMS without a
 * 202, a pending user left, a verified user deleted) are the suite's verdict: any of them above
 * zero fails the run. Duplicates are reported (the only ones left should be sends in flight at a
 * crash), as is the time to recover.
 *
 * @param starts          starts sent
 * @param accepted        answered {@code 202}
 * @param reports         {@code OtpDeliveryReported} for this scenario's numbers
 * @param missingReports  {@code 202} without any report
 * @param lostCodes       {@code 202} without any SMS: a code the client was promised and never got
 * @param duplicateReports reports beyond the first for one request
 * @param duplicateSms    SMS beyond the first for one number (each number was started once)
 * @param smsWithout202   numbers that got an SMS though their start was not answered {@code 202}
 * @param limbo           pending users left after the reaper's TTL whose username no event announced
 * @param unreaped        announced pending users still there after the TTL (the reaper lost them)
 * @param verifiedDeleted users who completed sign-up before the scenario and are gone after it
 * @param recovery        from the fault's end to the first {@code 202} after the last failure;
 *                        {@code null} when starts still failed at the end
 * @param failures        starts not answered {@code 202}, by kind ({@code 503 unavailable}, {@code no answer: …})
 * @param duplicateSmsAfterRetry numbers texted twice whose report counts more than one SNS attempt: SNS
 *                        took a call the dispatcher saw fail (a timeout) and the retry sent it again
 * @param slowestRefusal  the longest wait for an answer that was not {@code 202} (a dependency down must
 *                        give a fast {@code 503}, bounded by the gateway's own timeouts)
 * @param smsDelays       how long the codes took to reach SNS, printed under the line: a consumer group that
 *                        leaves partitions unserved for a while harms no count above, only this
 */
record ScenarioResult(String scenario, int starts, int accepted, int reports, int missingReports, int lostCodes,
                      int duplicateReports, int duplicateSms, int smsWithout202, int limbo, int unreaped,
                      int verifiedDeleted, Duration recovery, Map<String, Long> failures, int duplicateSmsAfterRetry,
                      Duration slowestRefusal, SmsDelays smsDelays) {

    static final String HEADER = String.format(Locale.ROOT, "%-16s %6s %8s %7s %7s %5s %7s %7s %7s %5s %8s %8s %9s",
            "scenario", "starts", "accepted", "reports", "missing", "lost", "dup-rep", "dup-sms", "sms-!202",
            "limbo", "unreaped", "verif-del", "recovery");

    boolean harmful() {
        return missingReports > 0 || lostCodes > 0 || smsWithout202 > 0 || limbo > 0 || unreaped > 0 || verifiedDeleted > 0;
    }

    String line() {
        String recovered = recovery == null ? "never" : String.format(Locale.ROOT, "%.1f s", recovery.toMillis() / 1000.0);
        return String.format(Locale.ROOT, "%-16s %6d %8d %7d %7d %5d %7d %7d %7d %5d %8d %8d %9s%s",
                scenario, starts, accepted, reports, missingReports, lostCodes, duplicateReports, duplicateSms, smsWithout202,
                limbo, unreaped, verifiedDeleted, recovered, harmful() ? "   << HARM" : "")
                + (failures.isEmpty() ? "" : "\n" + " ".repeat(17) + "not 202: " + failures + String.format(Locale.ROOT,
                "; the slowest answered in %.1f s", slowestRefusal.toMillis() / 1000.0))
                + (duplicateSms == 0 ? "" : "\n" + " ".repeat(17) + "texted twice after an SNS retry: "
                + duplicateSmsAfterRetry + " number(s)")
                + "\n" + " ".repeat(17) + smsDelays.line();
    }
}
