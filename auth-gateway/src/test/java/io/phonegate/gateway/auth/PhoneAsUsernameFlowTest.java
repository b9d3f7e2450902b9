package io.phonegate.gateway.auth;

import io.phonegate.gateway.support.EmulatedPool;
import io.phonegate.gateway.support.Phones;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code UsernameAttributes=[phone_number]}: Cognito names each user itself (its {@code sub}) and wants
 * that name in challenge answers and in the secret hash of a refresh; the gateway keeps using the
 * number everywhere else.
 */
class PhoneAsUsernameFlowTest extends FlowUnderPoolSettingsTest {

    static final EmulatedPool POOL = EmulatedPool.start(s -> s.withUserPool(s.userPool().withUsernameAttributes("phone_number")));

    @DynamicPropertySource
    static void cognito(DynamicPropertyRegistry registry) {
        POOL.register(registry);
    }

    @Override
    EmulatedPool pool() {
        return POOL;
    }

    @Test
    void cognitoNamesTheUserAndTheTokensCarryThatName() {
        String phone = Phones.fresh();
        String challenge = start(phone).text("challenge");

        var tokens = verify(phone, challenge, codeSentTo(phone, 1));

        String username = POOL.user(phone).username();
        assertThat(username).isNotEqualTo(phone).isEqualTo(EmulatedPool.attribute(POOL.user(phone), "sub"));
        assertThat(claims(tokens.text("idToken")).path("cognito:username").asString()).isEqualTo(username);
    }
}
