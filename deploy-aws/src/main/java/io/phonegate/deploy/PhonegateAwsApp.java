package io.phonegate.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import software.amazon.awscdk.App;

/** The CDK app: {@code cdk.json} runs it; settings come as context ({@code -c name=value}). */
public final class PhonegateAwsApp {

    private PhonegateAwsApp() {
    }

    public static void main(String[] args) {
        App app = new App();
        DeploySettings settings = DeploySettings.fromContext(app.getNode()::tryGetContext,
                () -> builtTriggersJar(Path.of("..", "cognito-triggers", "target")));
        new PhonegateStack(app, settings);
        app.synth();
    }

    /** The one Lambda jar the cognito-triggers build left in {@code targetDir}. */
    static Path builtTriggersJar(Path targetDir) {
        List<Path> jars;
        try (Stream<Path> files = Files.list(targetDir)) {
            jars = files.filter(p -> p.getFileName().toString().matches("cognito-triggers-.+-lambda\\.jar")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("no trigger jar: " + targetDir.toAbsolutePath()
                    + " is not readable; build it with ./mvnw -B -pl cognito-triggers -am package", e);
        }
        if (jars.size() != 1) {
            throw new IllegalStateException("expected one cognito-triggers-*-lambda.jar in " + targetDir.toAbsolutePath()
                    + ", found " + jars + "; rebuild (./mvnw -B -pl cognito-triggers -am clean package) or pass -c triggersJar=<path>");
        }
        return jars.get(0);
    }
}
