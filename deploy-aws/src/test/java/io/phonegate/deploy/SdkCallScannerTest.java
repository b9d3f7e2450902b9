package io.phonegate.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;

class SdkCallScannerTest {

    private static final Map<String, String> COGNITO_METHODS =
            SdkCallScanner.operationByMethod(CognitoIdentityProviderClient.class);

    @Test
    void namesEachClientMethodByItsOperation() {
        assertThat(COGNITO_METHODS)
                .containsEntry("adminInitiateAuth", "AdminInitiateAuth")
                .containsEntry("listUsersPaginator", "ListUsers")
                .containsEntry("describeUserPoolClient", "DescribeUserPoolClient")
                .doesNotContainKeys("close", "serviceName", "serviceClientConfiguration");
    }

    @Test
    void findsCallsOnFieldsAndParametersOfTheClientType() {
        String source = """
                class Pool {
                    private final CognitoIdentityProviderClient cognito;
                    void start(CognitoIdentityProviderClient other) {
                        this.cognito.adminInitiateAuth(r -> r.userPoolId("p"));
                        other
                            .listUsersPaginator(r -> r.limit(60));
                    }
                }
                """;
        assertThat(SdkCallScanner.operationsCalled(source, CognitoIdentityProviderClient.class, COGNITO_METHODS))
                .containsExactlyInAnyOrder("AdminInitiateAuth", "ListUsers");
    }

    @Test
    void ignoresCallsOnOtherObjectsAndNonOperations() {
        String source = """
                class Pool {
                    private final CognitoIdentityProviderClient cognito;
                    void stop(Users users) {
                        users.adminDeleteUser("someone");
                        cognito.close();
                    }
                }
                """;
        assertThat(SdkCallScanner.operationsCalled(source, CognitoIdentityProviderClient.class, COGNITO_METHODS)).isEmpty();
    }

    @Test
    void needsNoPermissionForCallsTheClientSecretAuthorises(@TempDir Path sources) throws Exception {
        Files.writeString(sources.resolve("Gateway.java"), """
                class Gateway {
                    CognitoIdentityProviderClient client;
                    void run() {
                        client.signUp(r -> r.clientId("c"));
                        client.revokeToken(r -> r.clientId("c"));
                        client.adminConfirmSignUp(r -> r.userPoolId("p"));
                    }
                }
                """);
        assertThat(SdkCallScanner.iamActions(sources, SdkCallScanner.COGNITO))
                .containsExactly("cognito-idp:AdminConfirmSignUp");
    }

    @Test
    void refusesAMissingSourceDirectory(@TempDir Path sources) {
        assertThatThrownBy(() -> SdkCallScanner.iamActions(sources.resolve("absent"), SdkCallScanner.SNS))
                .hasMessageContaining("no sources");
    }
}
