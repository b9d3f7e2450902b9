package io.phonegate.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PhonegateAwsAppTest {

    @Test
    void findsTheOneLambdaJarTheTriggersBuildLeft(@TempDir Path target) throws Exception {
        Files.createFile(target.resolve("cognito-triggers-0.1.0-SNAPSHOT.jar"));
        Path lambda = Files.createFile(target.resolve("cognito-triggers-0.1.0-SNAPSHOT-lambda.jar"));

        assertThat(PhonegateAwsApp.builtTriggersJar(target)).isEqualTo(lambda);
    }

    @Test
    void refusesToGuessBetweenTwoVersions(@TempDir Path target) throws Exception {
        Files.createFile(target.resolve("cognito-triggers-0.1.0-lambda.jar"));
        Files.createFile(target.resolve("cognito-triggers-0.2.0-lambda.jar"));

        assertThatThrownBy(() -> PhonegateAwsApp.builtTriggersJar(target)).hasMessageContaining("expected one");
    }

    @Test
    void saysHowToBuildTheJarWhenThereIsNone(@TempDir Path target) {
        assertThatThrownBy(() -> PhonegateAwsApp.builtTriggersJar(target.resolve("missing")))
                .hasMessageContaining("./mvnw -B -pl cognito-triggers -am package");
    }
}
