package io.phonegate.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.http.auth.aws.scheme.AwsV4AuthScheme;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.auth.scheme.CognitoIdentityProviderAuthSchemeProvider;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.auth.scheme.SnsAuthSchemeProvider;

/**
 * Finds the IAM actions a service's code needs, from its sources: every call on a variable
 * declared with an SDK client type ({@code cognito.adminInitiateAuth(...)}) names an operation
 * ({@code AdminInitiateAuth}, from the request type the SDK method takes). The SDK's own auth
 * scheme model says which operations AWS signs with IAM credentials; the others (SignUp,
 * RevokeToken: the client id and secret authorise them) need no permission.
 */
final class SdkCallScanner {

    /** An SDK client interface, the IAM prefix of its service, and which operations IAM authorises. */
    record SdkService(Class<?> client, String iamPrefix, Predicate<String> signedWithIam) {
    }

    static final SdkService COGNITO = new SdkService(CognitoIdentityProviderClient.class, "cognito-idp",
            operation -> CognitoIdentityProviderAuthSchemeProvider.defaultProvider()
                    .resolveAuthScheme(p -> p.operation(operation).region(Region.US_EAST_1)).stream()
                    .anyMatch(option -> option.schemeId().equals(AwsV4AuthScheme.SCHEME_ID)));
    static final SdkService SNS = new SdkService(SnsClient.class, "sns",
            operation -> SnsAuthSchemeProvider.defaultProvider()
                    .resolveAuthScheme(p -> p.operation(operation).region(Region.US_EAST_1)).stream()
                    .anyMatch(option -> option.schemeId().equals(AwsV4AuthScheme.SCHEME_ID)));

    private SdkCallScanner() {
    }

    /** The IAM actions ({@code prefix:Operation}) that the Java sources under {@code root} call on the service. */
    static Set<String> iamActions(Path root, SdkService service) {
        Set<String> actions = new TreeSet<>();
        for (String operation : operationsCalled(root, service.client())) {
            if (service.signedWithIam().test(operation)) {
                actions.add(service.iamPrefix() + ":" + operation);
            }
        }
        return actions;
    }

    /** Every operation the sources under {@code root} call on a variable of type {@code client}. */
    static Set<String> operationsCalled(Path root, Class<?> client) {
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException("no sources at " + root.toAbsolutePath());
        }
        Map<String, String> operationByMethod = operationByMethod(client);
        Set<String> called = new TreeSet<>();
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(file -> file.toString().endsWith(".java"))
                    .forEach(file -> called.addAll(operationsCalled(read(file), client, operationByMethod)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return called;
    }

    static Set<String> operationsCalled(String source, Class<?> client, Map<String, String> operationByMethod) {
        Set<String> called = new TreeSet<>();
        Matcher declaration = Pattern.compile("\\b" + client.getSimpleName() + "\\s+(\\w+)\\s*[;,)=]").matcher(source);
        while (declaration.find()) {
            Matcher call = Pattern.compile("\\b" + declaration.group(1) + "\\s*\\.\\s*(\\w+)\\s*\\(").matcher(source);
            while (call.find()) {
                String operation = operationByMethod.get(call.group(1));
                if (operation != null) {
                    called.add(operation);
                }
            }
        }
        return called;
    }

    /** Client method name to operation, from the request type each method takes (paginators included). */
    static Map<String, String> operationByMethod(Class<?> client) {
        Map<String, String> operations = new HashMap<>();
        for (Method method : client.getMethods()) {
            if (method.getParameterCount() != 1) {
                continue;
            }
            Class<?> request = requestType(method.getParameterTypes()[0], method.getGenericParameterTypes()[0]);
            if (request != null) {
                operations.put(method.getName(), request.getSimpleName().replaceFirst("Request$", ""));
            }
        }
        return operations;
    }

    private static Class<?> requestType(Class<?> parameter, Type generic) {
        if (SdkRequest.class.isAssignableFrom(parameter)) {
            return parameter;
        }
        // The Consumer<XRequest.Builder> overloads.
        if (parameter == Consumer.class && generic instanceof ParameterizedType consumer
                && consumer.getActualTypeArguments()[0] instanceof Class<?> builder
                && builder.getDeclaringClass() != null && SdkRequest.class.isAssignableFrom(builder.getDeclaringClass())) {
            return builder.getDeclaringClass();
        }
        return null;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
