package io.phonegate.triggers.bench;

import io.phonegate.common.answer.AnswerSignatures;
import io.phonegate.common.seal.CodeSeal;
import io.phonegate.triggers.challenge.CodeChallenge;
import io.phonegate.triggers.testing.TriggerEvents;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * The events {@code bench/cold-start.sh} hands each trigger, as Cognito sends them on a first sign-in:
 * Define with no rounds yet, Create's first round for a verified phone, and Verify with the right code
 * and the gateway's fresh signature (so Verify runs its whole path: signature, unseal, compare).
 * Run in its own JVM before each probe, never inside the one being timed.
 */
public final class BenchEvents {

    private static final String CODE = "042917";

    private BenchEvents() {
    }

    public static ObjectNode define() {
        return TriggerEvents.define(true);
    }

    public static ObjectNode create() {
        return TriggerEvents.create(true);
    }

    /** Verify with the right code for a challenge sealed under {@code sealKeys}, signed now with {@code answerKeys}. */
    public static ObjectNode verify(String sealKeys, String answerKeys, Instant now) {
        String sealed = CodeSeal.fromConfig(sealKeys, null).seal(CODE, TriggerEvents.PHONE);
        CodeChallenge challenge = new CodeChallenge("bench-challenge", now.plus(Duration.ofMinutes(3)), sealed);
        String signature = AnswerSignatures.fromConfig(answerKeys, null).sign(TriggerEvents.PHONE, CODE, now);
        return TriggerEvents.verify(challenge.toPrivateParameters(), CODE, signature);
    }

    /** {@code <dir> <seal keys> <answer keys>}: writes define.json, create.json and verify.json into dir. */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        write(dir.resolve("define.json"), define());
        write(dir.resolve("create.json"), create());
        write(dir.resolve("verify.json"), verify(args[1], args[2], Instant.now()));
    }

    private static void write(Path file, ObjectNode event) throws IOException {
        Files.write(file, TriggerEvents.JSON.writeValueAsBytes(event));
    }
}
