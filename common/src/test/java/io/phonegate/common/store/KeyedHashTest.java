package io.phonegate.common.store;

import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeyedHashTest {

    private static final byte[] SECRET = "the app client's secret".getBytes(StandardCharsets.UTF_8);

    @Test
    void aNameIsTheFirst128BitsOfTheHmacUnderTheDerivedKeyInBase64Url() throws Exception {
        Mac derive = Mac.getInstance("HmacSHA256");
        derive.init(new SecretKeySpec(SECRET, "HmacSHA256"));
        byte[] key = derive.doFinal("gateway-client-address".getBytes(StandardCharsets.UTF_8));
        Mac name = Mac.getInstance("HmacSHA256");
        name.init(new SecretKeySpec(key, "HmacSHA256"));
        String expected = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(Arrays.copyOf(name.doFinal("2001:db8:1:2::/64".getBytes(StandardCharsets.UTF_8)), 16));

        assertThat(KeyedHash.derivedFrom(SECRET, "gateway-client-address").of("2001:db8:1:2::/64"))
                .isEqualTo(expected).hasSize(22);
    }

    @Test
    void purposesAndKeysKeepNamesApartAndShortKeysAreRefused() {
        assertThat(KeyedHash.derivedFrom(SECRET, "a").of("x")).isNotEqualTo(KeyedHash.derivedFrom(SECRET, "b").of("x"));
        byte[] other = new byte[32];
        Arrays.fill(other, (byte) 1);
        assertThat(KeyedHash.withKey(new byte[32]).of("x")).isNotEqualTo(KeyedHash.withKey(other).of("x"));
        assertThatThrownBy(() -> KeyedHash.withKey(new byte[31])).hasMessageContaining("32 bytes");
        assertThat(KeyedHash.withKey(new byte[32])).hasToString("KeyedHash[key=***]");
    }
}
