package io.phonegate.triggers;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seed drew codes from {@code Math.random}. This reads the compiled trigger classes'
 * constant pools: none may refer to {@code Math.random}, {@code java.util.Random} or
 * {@code ThreadLocalRandom}; {@code SecureRandom} is the only source of randomness.
 */
class NoWeakRandomnessTest {

    @Test
    void triggerClassesUseNoWeakRandomSource() throws IOException, URISyntaxException {
        Path classes = Path.of(io.phonegate.triggers.create.CreateAuthChallengeHandler.class
                .getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Path> classFiles;
        try (Stream<Path> files = Files.walk(classes)) {
            classFiles = files.filter(p -> p.toString().endsWith(".class")).toList();
        }

        assertThat(classFiles).hasSizeGreaterThan(5);
        for (Path classFile : classFiles) {
            String pool = new String(Files.readAllBytes(classFile), StandardCharsets.ISO_8859_1);
            assertThat(pool).as(classFile.toString())
                    .doesNotContain("java/util/Random")
                    .doesNotContain("ThreadLocalRandom");
            if (pool.contains("java/lang/Math")) {
                assertThat(pool).as(classFile.toString()).doesNotContain("random");
            }
        }
    }

    @Test
    void codesComeFromSecureRandom() throws IOException, URISyntaxException {
        Path codes = Path.of(io.phonegate.triggers.create.CreateAuthChallengeHandler.class
                .getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve("io/phonegate/triggers/create/OneTimeCodes.class");

        assertThat(new String(Files.readAllBytes(codes), StandardCharsets.ISO_8859_1)).contains("java/security/SecureRandom");
    }
}
