package io.phonegate.devstack.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The services run from their jars extracted, as their images do, and a rebuilt jar is extracted again. */
@ExtendWith(SharedLocalStack.class)
class ExtractedJarTest {

    @Test
    void everyServiceOfTheStackRunsFromItsExtractedJar(LocalStack stack) throws IOException {
        assumeTrue(Files.isReadable(Path.of("/proc/self/cmdline")), "reads /proc (Linux)");
        for (ServiceProcess service : stack.services()) {
            String commandLine = Files.readString(Path.of("/proc", String.valueOf(service.pid()), "cmdline"))
                    .replace('\0', ' ');
            assertThat(commandLine).as(service.name()).contains("/target/startup/extracted/");
        }
    }

    @Test
    void aRebuiltJarIsExtractedAgainAndAnUnchangedOneIsNot(@TempDir Path dir) throws IOException {
        Path root = LocalStackSettings.findRepoRoot(Path.of(""));
        Path execJar = Files.copy(LocalStackSettings.localDefaults(root, Map.of()).serviceJar("limbo-reaper"),
                dir.resolve("limbo-reaper-exec.jar"));

        Path jar = ExtractedJar.of("limbo-reaper", execJar);
        assertThat(jar).isRegularFile().hasFileName("limbo-reaper-exec.jar")
                .hasParent(dir.resolve("startup").resolve("extracted"));
        assertThat(jar.resolveSibling("lib")).isDirectoryContaining("glob:**/spring-boot-4*.jar");
        Path marker = Files.writeString(jar.resolveSibling("marker"), "from the first extraction");

        assertThat(ExtractedJar.of("limbo-reaper", execJar)).isEqualTo(jar);
        assertThat(marker).exists();

        Files.setLastModifiedTime(execJar, FileTime.fromMillis(Files.getLastModifiedTime(execJar).toMillis() + 60_000));
        assertThat(ExtractedJar.of("limbo-reaper", execJar)).isRegularFile();
        assertThat(marker).doesNotExist();
    }
}
