package io.phonegate.triggers;

import io.phonegate.common.seal.CodeSeal;
import io.phonegate.triggers.create.CreateAuthChallengeHandler;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SnapStart snapshots the JVM after the triggers' init (class initialisation, constructor, priming) and
 * starts every new environment from that snapshot, so whatever static state holds then is shared by all of
 * them and is as old as the snapshot. This initialises every class of the Lambda jar's own code (the
 * triggers and common) and reads every static field: none may hold a value that must differ between
 * environments or goes stale with time. No {@code java.util.Random} (every restore would repeat its
 * stream), no time ({@code Instant}, {@code Date}, ...), no {@code UUID}, no {@code byte[]} (a key or seed
 * drawn at init), no clock but the system's, and in the triggers no mutable static field at all.
 *
 * <p>A {@link SecureRandom} is allowed only when it reads the operating system's generator at every call
 * ({@code NativePRNG}: /dev/urandom is mixed into every draw), so a restored snapshot never repeats a draw;
 * Lambda's SnapStart guide lists {@code java.security.SecureRandom} as safe for the same reason.
 */
class SnapStartStateTest {

    @Test
    void noStaticFieldHoldsRandomOrTimeBoundState() throws Exception {
        List<Class<?>> classes = new ArrayList<>();
        classes.addAll(classesAt(CreateAuthChallengeHandler.class));
        classes.addAll(classesAt(CodeSeal.class));
        assertThat(classes).extracting(Class::getName)
                .contains(CreateAuthChallengeHandler.class.getName(), CodeSeal.class.getName());

        List<String> violations = new ArrayList<>();
        for (Class<?> type : classes) {
            for (Field field : type.getDeclaredFields()) {
                if (!Modifier.isStatic(field.getModifiers()) || field.isSynthetic()) {
                    continue;
                }
                String name = type.getName() + "." + field.getName();
                if (type.getName().startsWith("io.phonegate.triggers.") && !Modifier.isFinal(field.getModifiers())) {
                    violations.add(name + ": mutable static state");
                }
                field.setAccessible(true);
                problem(field.get(null)).ifPresent(problem -> violations.add(name + ": " + problem));
            }
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void theCheckRecognisesWhatASnapshotMustNotHold() throws Exception {
        assertThat(problem(new Random(42))).isPresent();
        assertThat(problem(SecureRandom.getInstance("SHA1PRNG"))).isPresent();
        assertThat(problem(Instant.now())).isPresent();
        assertThat(problem(new Date())).isPresent();
        assertThat(problem(UUID.randomUUID())).isPresent();
        assertThat(problem(new byte[32])).isPresent();
        assertThat(problem(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC))).isPresent();

        assertThat(problem(SecureRandom.getInstance("NativePRNG"))).isEmpty();
        assertThat(problem(Clock.systemUTC())).isEmpty();
        assertThat(problem("v1")).isEmpty();
        assertThat(problem(Duration.ofMinutes(3))).isEmpty();
    }

    @Test
    void theSecureRandomsReadTheOperatingSystemAtEveryDraw() {
        // what the triggers draw codes, ids and nonces from (OneTimeCodes, Create's ids, CodeSeal's nonces)
        assertThat(new SecureRandom().getAlgorithm()).startsWith("NativePRNG");
    }

    private static Optional<String> problem(Object value) {
        if (value instanceof SecureRandom random) {
            return random.getAlgorithm().startsWith("NativePRNG") ? Optional.empty()
                    : Optional.of("a SecureRandom (" + random.getAlgorithm() + ") that does not read the OS at every draw");
        }
        if (value instanceof Random) {
            return Optional.of("a java.util.Random");
        }
        if (value instanceof Temporal || value instanceof Date) {
            return Optional.of("a point in time");
        }
        if (value instanceof UUID) {
            return Optional.of("a UUID");
        }
        if (value instanceof byte[]) {
            return Optional.of("bytes (a key or a seed?)");
        }
        if (value instanceof Clock clock && !clock.equals(Clock.systemUTC()) && !clock.equals(Clock.systemDefaultZone())) {
            return Optional.of("a clock other than the system's: " + clock);
        }
        return Optional.empty();
    }

    /** Every class in the jar or directory {@code anchor} was loaded from, initialised. */
    private static List<Class<?>> classesAt(Class<?> anchor) throws IOException, URISyntaxException, ClassNotFoundException {
        Path location = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> names = new ArrayList<>();
        if (Files.isDirectory(location)) {
            try (Stream<Path> files = Files.walk(location)) {
                files.filter(f -> f.toString().endsWith(".class"))
                        .forEach(f -> names.add(location.relativize(f).toString()));
            }
        } else {
            try (JarFile jar = new JarFile(location.toFile())) {
                jar.stream().map(e -> e.getName()).filter(n -> n.endsWith(".class")).forEach(names::add);
            }
        }
        List<Class<?>> classes = new ArrayList<>();
        for (String file : names) {
            if (file.endsWith("module-info.class") || file.endsWith("package-info.class")) {
                continue;
            }
            String name = file.substring(0, file.length() - ".class".length()).replace('/', '.').replace('\\', '.');
            classes.add(Class.forName(name, true, anchor.getClassLoader()));
        }
        return classes;
    }
}
