package io.phonegate.devstack.cognito;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.phonegate.common.challenge.ChallengeParameters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminInitiateAuthResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminRespondToAuthChallengeResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ChallengeNameType;

import java.time.Duration;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The whole Phonegate flow through the real SDK: admin creation, a wrong answer, the right one, tokens. */
class CustomAuthFlowTest {

    private static final String PHONE = "+919876543210";
    private final RunningEmulator cognito = new RunningEmulator();

    @AfterEach
    void stop() {
        cognito.close();
    }

    @Test
    void createWrongThenRightAnswerIssuesTokens() throws Exception {
        String sub = cognito.createUser(PHONE);

        AdminInitiateAuthResponse started = cognito.initiate(PHONE);
        assertThat(started.challengeName()).isEqualTo(ChallengeNameType.CUSTOM_CHALLENGE);
        assertThat(started.session()).hasSizeBetween(20, 2048);
        assertThat(started.challengeParameters())
                .containsEntry(ChallengeParameters.PURPOSE, "SIGNUP")
                .containsEntry(ChallengeParameters.ATTEMPTS_LEFT, "3")
                .containsEntry(ChallengeParameters.RETRY, "false")
                .containsEntry("USERNAME", PHONE);
        String code = cognito.code(started.challengeParameters(), PHONE);

        AdminRespondToAuthChallengeResponse retry = cognito.answer(PHONE, started.session(), RunningEmulator.wrong(code));
        assertThat(retry.challengeName()).isEqualTo(ChallengeNameType.CUSTOM_CHALLENGE);
        assertThat(retry.session()).isNotEqualTo(started.session());
        assertThat(retry.challengeParameters())
                .containsEntry(ChallengeParameters.RETRY, "true")
                .containsEntry(ChallengeParameters.ATTEMPTS_LEFT, "2")
                .containsEntry(ChallengeParameters.CHALLENGE_ID, started.challengeParameters().get(ChallengeParameters.CHALLENGE_ID))
                .containsEntry(ChallengeParameters.EXPIRES_AT, started.challengeParameters().get(ChallengeParameters.EXPIRES_AT));

        AuthenticationResultType tokens = cognito.answer(PHONE, retry.session(), code).authenticationResult();
        assertThat(tokens.tokenType()).isEqualTo("Bearer");
        assertThat(tokens.expiresIn()).isEqualTo(3600);
        assertThat(tokens.refreshToken()).isNotBlank();

        JWTClaimsSet id = verified(tokens.idToken());
        assertThat(id.getSubject()).isEqualTo(sub);
        assertThat(id.getAudience()).containsExactly(cognito.emulator.clientId());
        assertThat(id.getIssuer()).isEqualTo("https://cognito-idp.us-east-1.amazonaws.com/us-east-1_phonegate");
        assertThat(id.getStringClaim("token_use")).isEqualTo("id");
        assertThat(id.getStringClaim("cognito:username")).isEqualTo(PHONE);
        assertThat(id.getStringClaim("phone_number")).isEqualTo(PHONE);
        assertThat(id.getBooleanClaim("phone_number_verified")).isFalse();
        assertThat(id.getLongClaim("auth_time")).isEqualTo(cognito.clock.instant().getEpochSecond());
        assertThat(id.getJWTID()).isNotBlank();
        assertThat(id.getStringClaim("origin_jti")).isNotBlank();
        assertThat(Duration.between(id.getIssueTime().toInstant(), id.getExpirationTime().toInstant())).isEqualTo(Duration.ofHours(1));

        JWTClaimsSet access = verified(tokens.accessToken());
        assertThat(access.getSubject()).isEqualTo(sub);
        assertThat(access.getStringClaim("token_use")).isEqualTo("access");
        assertThat(access.getStringClaim("scope")).isEqualTo("aws.cognito.signin.user.admin");
        assertThat(access.getStringClaim("client_id")).isEqualTo(cognito.emulator.clientId());
        assertThat(access.getStringClaim("username")).isEqualTo(PHONE);
        assertThat(access.getIssuer()).isEqualTo(id.getIssuer());
        assertThat(access.getStringClaim("origin_jti")).isEqualTo(id.getStringClaim("origin_jti"));
        assertThat(access.getAudience()).isEmpty();
    }

    @Test
    void verifiedUserLogsInWithLoginPurposeAndVerifiedClaim() throws Exception {
        cognito.createUser(PHONE);
        cognito.cognito.adminUpdateUserAttributes(r -> r.userPoolId(cognito.emulator.userPoolId()).username(PHONE)
                .userAttributes(a -> a.name("phone_number_verified").value("true")));

        AdminInitiateAuthResponse started = cognito.initiate(PHONE);
        assertThat(started.challengeParameters()).containsEntry(ChallengeParameters.PURPOSE, "LOGIN");
        AuthenticationResultType tokens = cognito.answer(PHONE, started.session(),
                cognito.code(started.challengeParameters(), PHONE)).authenticationResult();

        assertThat(verified(tokens.idToken()).getBooleanClaim("phone_number_verified")).isTrue();
    }

    @Test
    void tokenHeaderNamesTheJwksKeyAndRs256() throws Exception {
        cognito.createUser(PHONE);
        AdminInitiateAuthResponse started = cognito.initiate(PHONE);
        String idToken = cognito.answer(PHONE, started.session(), cognito.code(started.challengeParameters(), PHONE))
                .authenticationResult().idToken();

        SignedJWT jwt = SignedJWT.parse(idToken);
        JWKSet jwks = JWKSet.load(cognito.emulator.jwksUri().toURL());

        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        assertThat(jwks.getKeys()).extracting(k -> k.getKeyID()).containsExactly(jwt.getHeader().getKeyID());
        assertThat(jwks.getKeys().get(0).isPrivate()).isFalse();
    }

    /** Verifies signature and expiry against the JWKS fetched over HTTP, as a resource server would. */
    private JWTClaimsSet verified(String token) throws Exception {
        JWKSet jwks = JWKSet.load(cognito.emulator.jwksUri().toURL());
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, new ImmutableJWKSet<>(jwks)));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(
                new JWTClaimsSet.Builder().issuer(cognito.emulator.issuer()).build(),
                Set.of("sub", "iat", "exp", "jti", "auth_time", "token_use", "origin_jti")));
        return processor.process(token, null);
    }
}
