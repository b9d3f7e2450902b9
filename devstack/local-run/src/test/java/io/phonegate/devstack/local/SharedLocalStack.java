package io.phonegate.devstack.local;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One local stack (broker process, Redis, emulators, and the services as separate JVMs on free
 * ports: three gateways, two dispatchers and the reaper, as a scaled deployment runs) for every
 * end-to-end class of this test run: starting it costs most of the run's time. Its gateways trust
 * loopback as their proxy, so a test names the client address of a request in
 * {@code X-Forwarded-For}; requests without it count under 127.0.0.1. No resend cooldown: a number's
 * hourly and daily caps are the limits the tests meet.
 * JUnit's root store closes it at the end of the run unless {@link StackShutdownTest} did.
 */
final class SharedLocalStack implements BeforeAllCallback, ParameterResolver {

    /**
     * Far longer than any journey, however loaded the machine: the stack's reaper never races a
     * person between start and verify. A test that needs a sign-up reaped starts a reaper of its own
     * with a short TTL ({@link EndToEndTest}).
     */
    static final Duration REAPER_TTL = Duration.ofHours(1);

    /**
     * India's DLT, on for the whole stack as a deployment for India sets it: every SMS to +91 carries this
     * entity id and the template id of its text form (the forms the local {@code otp-host} sends: the long ones).
     */
    static final String DLT_ENTITY_ID = "1101000000000000001";
    static final Map<String, String> DLT_TEMPLATE_IDS = Map.of(
            "en-login-long", "1107000000000000011", "en-signup-long", "1107000000000000012",
            "hi-login-long", "1107000000000000021", "hi-signup-long", "1107000000000000022");

    /** As {@code PHONEGATE_GATEWAY_INSTANCES=3 PHONEGATE_DISPATCHER_INSTANCES=2 ./run-local.sh}. */
    static final LocalStackSettings.Instances INSTANCES = new LocalStackSettings.Instances(3, 2);

    /**
     * Test numbers of the whole stack, as an app-store review account is set up: the gateways and the Create
     * trigger read the same {@code PHONEGATE_TEST_NUMBERS}. Random test numbers never fall in it by chance
     * (six fixed digits after {@code +919}).
     */
    static final String TEST_NUMBER_PREFIX = "+919999900";
    static final String TEST_NUMBER_CODE = "424242";

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedLocalStack.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        stack(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == LocalStack.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return stack(context);
    }

    static LocalStack stack(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).computeIfAbsent(LocalStack.class, key -> start(), LocalStack.class);
    }

    private static LocalStack start() {
        Path root = LocalStackSettings.findRepoRoot(Path.of(""));
        Map<String, String> env = new HashMap<>(Map.of(
                "PHONEGATE_GATEWAY_LIMITS_RESEND_COOLDOWN", "0s",
                "PHONEGATE_GATEWAY_CLIENTIP_TRUSTEDPROXIES", "127.0.0.0/8",
                "PHONEGATE_REAPER_TTL", REAPER_TTL.toSeconds() + "s",
                "PHONEGATE_REAPER_SWEEP_INTERVAL", "5s",
                "PHONEGATE_DISPATCHER_COUNTRIES_IN_SENDERID", "PHNGTE",
                "PHONEGATE_DISPATCHER_COUNTRIES_IN_DLT_ENTITYID", DLT_ENTITY_ID));
        env.put("PHONEGATE_TEST_NUMBERS", TEST_NUMBER_PREFIX + "*:" + TEST_NUMBER_CODE);
        // The bot check on, for US numbers only (no other test uses them): the stack starts the siteverify stand-in.
        env.put("PHONEGATE_BOTCHECK_PROVIDER", "turnstile");
        env.put("PHONEGATE_BOTCHECK_COUNTRIES", "US");
        DLT_TEMPLATE_IDS.forEach((form, id) -> env.put("PHONEGATE_DISPATCHER_COUNTRIES_IN_DLT_TEMPLATES_"
                + form.toUpperCase(java.util.Locale.ROOT).replace('-', '_'), id));
        LocalStackSettings settings = LocalStackSettings.forTests(root,
                root.resolve("devstack/local-run/target/e2e-stack"), env);
        return LocalStack.start(settings.withJvmOptions(
                List.of("-Xms64m", "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1")).withInstances(INSTANCES));
    }
}
