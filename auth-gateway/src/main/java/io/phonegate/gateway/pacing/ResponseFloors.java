package io.phonegate.gateway.pacing;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The two floors: a start's {@code 202}, and a verify's {@code wrong-code} / {@code start-again}. The
 * flows report how long their slow path took ({@link #startSlowPath}, {@link #wrongAnswerJudged}); an
 * answer whose work outlasted its floor is counted, as each one could be told apart by its time.
 */
public final class ResponseFloors {

    private final ResponseFloor start;
    private final ResponseFloor wrongAnswer;
    private final Counter startOverruns;
    private final Counter wrongAnswerOverruns;

    ResponseFloors(PacingSettings settings, MeterRegistry meters) {
        this.start = new ResponseFloor(settings.startFloor(), settings.maxFloor(), settings.window(),
                settings.forgetAfter(), System::nanoTime);
        this.wrongAnswer = new ResponseFloor(settings.wrongAnswerFloor(), settings.maxFloor(), settings.window(),
                settings.forgetAfter(), System::nanoTime);
        Gauge.builder("phonegate.auth.answer.floor", start, floor -> floor.nanos() / 1e9).tag("answer", "start")
                .baseUnit("seconds").description("Least time a start's 202 takes now").register(meters);
        Gauge.builder("phonegate.auth.answer.floor", wrongAnswer, floor -> floor.nanos() / 1e9).tag("answer", "wrong_answer")
                .baseUnit("seconds").description("Least time a wrong-code or start-again answer takes now").register(meters);
        this.startOverruns = Counter.builder("phonegate.auth.answer.floor.overruns").tag("answer", "start")
                .description("Answers whose work took longer than their floor").register(meters);
        this.wrongAnswerOverruns = Counter.builder("phonegate.auth.answer.floor.overruns").tag("answer", "wrong_answer")
                .description("Answers whose work took longer than their floor").register(meters);
    }

    /** A start that signed a user up (or replaced one) took this long: the slowest start there is. */
    public void startSlowPath(long nanos) {
        start.observe(nanos);
    }

    /** Cognito judged an answer wrong, taking this long. */
    public void wrongAnswerJudged(long nanos) {
        wrongAnswer.observe(nanos);
    }

    /** When a start received at {@code receivedAt} ({@link System#nanoTime()}) may be answered. */
    public long startNotBefore(long receivedAt) {
        return notBefore(receivedAt, start, startOverruns);
    }

    /** When a wrong answer received at {@code receivedAt} may be answered. */
    public long wrongAnswerNotBefore(long receivedAt) {
        return notBefore(receivedAt, wrongAnswer, wrongAnswerOverruns);
    }

    private static long notBefore(long receivedAt, ResponseFloor floor, Counter overruns) {
        long deadline = receivedAt + floor.nanos();
        if (System.nanoTime() - deadline > 0) {
            overruns.increment();
        }
        return deadline;
    }
}
