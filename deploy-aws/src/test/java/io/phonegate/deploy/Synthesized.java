package io.phonegate.deploy;

import io.phonegate.deploy.DeploySettings.UserExistenceErrors;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import software.amazon.awscdk.App;
import software.amazon.awscdk.assertions.Template;

/**
 * Synthesizes the stack once per distinct settings for the whole test JVM: jsii starts a node
 * process and loads aws-cdk-lib's JavaScript, which takes seconds; a synth after that is fast.
 */
final class Synthesized {

    static final String SEAL_SECRET = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:phonegate/seal-AbCdEf";
    static final String ANSWER_SECRET = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:phonegate/answer-GhIjKl";
    static final String TEST_NUMBERS_SECRET = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:phonegate/test-numbers-MnOpQr";

    private static final Map<DeploySettings, Synthesized> CACHE = new ConcurrentHashMap<>();

    final PhonegateStack stack;
    final Template template;

    private Synthesized(DeploySettings settings) {
        NodeRequirement.check();
        Path outdir = Path.of("target", "cdk-test-out", Integer.toHexString(settings.hashCode()));
        App app = App.Builder.create().outdir(outdir.toString()).build();
        this.stack = new PhonegateStack(app, settings);
        this.template = Template.fromStack(stack);
    }

    static Synthesized of(DeploySettings settings) {
        return CACHE.computeIfAbsent(settings, Synthesized::new);
    }

    static Synthesized withDefaults() {
        return of(settings(UserExistenceErrors.LEGACY));
    }

    static DeploySettings settings(UserExistenceErrors userExistenceErrors) {
        return new DeploySettings("Phonegate", "phonegate", SecretReference.of(SEAL_SECRET),
                SecretReference.of(ANSWER_SECRET), Optional.empty(), userExistenceErrors, Duration.ofMinutes(5), Duration.ofMinutes(3),
                6, 3, 512, triggersJar(), 500, 100);
    }

    static Path triggersJar() {
        String jar = System.getProperty("phonegate.triggersJar");
        if (jar == null || jar.isBlank() || jar.startsWith("${")) {
            throw new IllegalStateException("system property phonegate.triggersJar is not set: run the tests through Maven "
                    + "(./mvnw -B -pl deploy-aws -am verify), which builds cognito-triggers' Lambda jar first");
        }
        return Path.of(jar);
    }

    /** jsii runs aws-cdk-lib's JavaScript in a child {@code node} process: without Node.js nothing synthesizes. */
    static final class NodeRequirement {
        private static volatile Optional<String> problem;

        static void check() {
            if (problem == null) {
                problem = findProblem();
            }
            problem.ifPresent(message -> {
                throw new IllegalStateException(message);
            });
        }

        private static Optional<String> findProblem() {
            String node = Optional.ofNullable(System.getenv("JSII_NODE")).orElse("node");
            String help = "The CDK template tests need Node.js (22 or 24; 20 runs with an end-of-life warning): jsii runs "
                    + "aws-cdk-lib's JavaScript in a '" + node + "' child process. Install it (Debian: apt-get install nodejs) "
                    + "or set JSII_NODE to its path.";
            try {
                Process process = new ProcessBuilder(node, "--version").redirectErrorStream(true).start();
                String version = new String(process.getInputStream().readAllBytes()).strip();
                if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                    return Optional.of(help + " ('" + node + " --version' failed: " + version + ")");
                }
                return Optional.empty();
            } catch (IOException e) {
                return Optional.of(help + " (" + e.getMessage() + ")");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.of(help + " (interrupted)");
            }
        }
    }
}
