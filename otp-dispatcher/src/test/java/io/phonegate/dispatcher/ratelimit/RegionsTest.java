package io.phonegate.dispatcher.ratelimit;

import io.phonegate.common.phone.PhoneNumber;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RegionsTest {

    @Test
    void cachedRegionIsTheOneLibphonenumberGivesForEveryNumber() {
        Regions regions = new Regions();
        List<String> numbers = List.of("+919876543210", "+14155550100", "+447700900123", "+919812345678",
                "+12025550143", "+4915123456789", "+8613812345678", "+447911123456", "+35312345678", "+3531234567");

        for (String number : numbers) {
            PhoneNumber phone = PhoneNumber.ofE164(number);
            assertThat(regions.of(phone)).as(number).isEqualTo(phone.regionCode());
        }
    }
}
