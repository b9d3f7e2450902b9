package io.phonegate.common.store;

import io.phonegate.common.phone.PhoneNumber;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PhoneSubjectTest {

    private static final byte[] KEY = new byte[32];
    private static final PhoneNumber PHONE = PhoneNumber.parse("+919876543210", "IN");

    @Test
    void sameKeySameNumberGivesTheSameShortSubjectWithoutTheDigits() {
        String subject = PhoneSubject.withKey(KEY).of(PHONE);
        assertThat(subject).hasSize(22).matches("[A-Za-z0-9_-]+").doesNotContain("9876543210");
        assertThat(PhoneSubject.withKey(KEY.clone()).of(PhoneNumber.parse("098765 43210", "IN"))).isEqualTo(subject);
    }

    @Test
    void anotherKeyOrAnotherNumberGivesAnotherSubject() {
        byte[] other = Arrays.copyOf(KEY, 32);
        other[0] = 1;
        String subject = PhoneSubject.withKey(KEY).of(PHONE);
        assertThat(PhoneSubject.withKey(other).of(PHONE)).isNotEqualTo(subject);
        assertThat(PhoneSubject.withKey(KEY).of(PhoneNumber.parse("+919876543211", "IN"))).isNotEqualTo(subject);
    }

    @Test
    void derivedKeysDependOnSecretAndPurpose() {
        byte[] secret = "app-client-secret".getBytes(StandardCharsets.UTF_8);
        String limits = PhoneSubject.derivedFrom(secret, "limits").of(PHONE);
        assertThat(PhoneSubject.derivedFrom(secret, "limits").of(PHONE)).isEqualTo(limits);
        assertThat(PhoneSubject.derivedFrom(secret, "claims").of(PHONE)).isNotEqualTo(limits);
        assertThat(PhoneSubject.derivedFrom("other".getBytes(StandardCharsets.UTF_8), "limits").of(PHONE)).isNotEqualTo(limits);
    }

    @Test
    void shortKeysAreRefusedAndTheKeyIsNeverPrinted() {
        assertThatThrownBy(() -> PhoneSubject.withKey(new byte[16])).hasMessageContaining("32 bytes");
        assertThat(PhoneSubject.withKey(KEY).toString()).doesNotContain("0").contains("***");
    }
}
