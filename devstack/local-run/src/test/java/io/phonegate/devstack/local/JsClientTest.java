package io.phonegate.devstack.local;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JavaScript client's own tests ({@code clients/js}, Node's test runner) against this run's
 * stack: {@code npm ci}, then {@code npm test} with the gateway's and the SMS inbox's addresses in
 * {@code PHONEGATE_GATEWAY_URL} and {@code PHONEGATE_SMS_INBOX_URL}. Node.js and npm are on every
 * machine that runs the tests (./run-tests.sh installs them where missing); a failing Node test fails
 * this one with Node's report.
 */
@Order(4)
@ExtendWith(SharedLocalStack.class)
class JsClientTest {

    private static final long NPM_CI_MINUTES = 3;
    private static final long NPM_TEST_MINUTES = 2;

    private final LocalStack stack;

    JsClientTest(LocalStack stack) {
        this.stack = stack;
    }

    @Test
    void clientTestsPassAgainstTheRunningStack() throws Exception {
        Path client = LocalStackSettings.findRepoRoot(Path.of("")).resolve("clients/js");
        Path logs = Files.createDirectories(Path.of("target/js-client"));

        Run install = run(client, logs.resolve("npm-ci.log"), NPM_CI_MINUTES,
                List.of("npm", "ci", "--no-audit", "--no-fund"));
        assertThat(install.exitCode()).as("npm ci in %s:%n%s", client, install.output()).isZero();

        Run tests = run(client, logs.resolve("npm-test.log"), NPM_TEST_MINUTES, List.of("npm", "test"));
        assertThat(tests.exitCode()).as("npm test in %s:%n%s", client, tests.output()).isZero();
        // The summary's lines start with "# " (TAP reporter) or "ℹ " (spec reporter).
        assertThat(tests.output()).as("Node's summary of npm test:%n%s", tests.output())
                .containsPattern("(?m)^(# |ℹ )pass [1-9]").containsPattern("(?m)^(# |ℹ )fail 0$");
    }

    private Run run(Path directory, Path log, long minutes, List<String> command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("PHONEGATE_GATEWAY_URL", stack.gatewayUri().toString());
        builder.environment().put("PHONEGATE_SMS_INBOX_URL", stack.sns().endpoint().toString());
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command.get(0) + " (Node.js and npm: ./run-tests.sh installs them): " + e, e);
        }
        try {
            if (!process.waitFor(minutes, TimeUnit.MINUTES)) {
                return new Run(-1, "still running after " + minutes + " min:\n" + read(log));
            }
            return new Run(process.exitValue(), read(log));
        } finally {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    private static String read(Path log) throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    private record Run(int exitCode, String output) {
    }
}
