package io.phonegate.devstack.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The services run from their jars extracted, as their images do, and a rebuilt jar is extracted again. */
@ExtendWith(SharedLocalStack.class)
class ExtractedJarTest {

    private static final FileTime REPRODUCIBLE = FileTime.fromMillis(1_767_225_600_000L);

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

        // Rebuilt: other contents, the same time (the build is reproducible: every jar has the same one).
        FileTime built = Files.getLastModifiedTime(execJar);
        try (FileSystem zip = FileSystems.newFileSystem(execJar)) {
            Files.writeString(zip.getPath("BOOT-INF/classes/rebuilt.txt"), "a class changed");
        }
        Files.setLastModifiedTime(execJar, built);
        assertThat(ExtractedJar.of("limbo-reaper", execJar)).isRegularFile();
        assertThat(marker).doesNotExist();
    }

    @Test
    void twoJarsOfTheSameSizeAndTimeWithOtherContentsDiffer(@TempDir Path dir) throws IOException {
        Path first = jarWith(dir.resolve("first.jar"), "code 1");
        Path second = jarWith(dir.resolve("second.jar"), "code 2");
        assertThat(Files.size(first)).isEqualTo(Files.size(second));
        assertThat(Files.getLastModifiedTime(first)).isEqualTo(Files.getLastModifiedTime(second));

        assertThat(ExtractedJar.contents(first)).isNotEqualTo(ExtractedJar.contents(second))
                .isEqualTo(ExtractedJar.contents(jarWith(dir.resolve("again.jar"), "code 1")));
    }

    private static Path jarWith(Path jar, String text) throws IOException {
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(jar))) {
            ZipEntry entry = new ZipEntry("BOOT-INF/classes/App.txt");
            entry.setTime(REPRODUCIBLE.toMillis());
            out.putNextEntry(entry);
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return Files.setLastModifiedTime(jar, REPRODUCIBLE);
    }
}
