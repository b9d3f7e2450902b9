package io.phonegate.gateway.limits;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

/** Which address a request is counted under. */
class ClientAddressTest {

    @Test
    void forwardedHeaderIsIgnoredUnlessConfigured() {
        assertThat(new ClientAddress(new ClientIpSettings("", 1)).of(request("203.0.113.9, 198.51.100.7")))
                .isEqualTo("10.1.1.1");
    }

    @Test
    void forwardedHeaderGivesTheAddressTheTrustedProxyAppended() {
        assertThat(new ClientAddress(new ClientIpSettings("X-Forwarded-For", 1))
                .of(request("1.2.3.4, 203.0.113.9, 198.51.100.7"))).isEqualTo("198.51.100.7");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            2001:db8:1:2:aaaa:bbbb:cccc:dddd | 20010db800010002::/64
            2001:db8:1:2::1                  | 20010db800010002::/64
            [2001:DB8:1:2::ffff]             | 20010db800010002::/64
            fe80::1%eth0                     | fe80000000000000::/64
            ::ffff:192.0.2.1                 | 192.0.2.1
            192.0.2.1                        | 192.0.2.1
            192.000.002.001                  | 192.0.2.1
            999.1.1.1                        | 999.1.1.1
            not-an-address.example           | not-an-address.example
            """)
    void ipv6IsCountedByItsSlash64AndIpv4ByItsAddress(String address, String key) {
        assertThat(ClientAddress.limitKey(address)).isEqualTo(key);
    }

    @Test
    void twoAddressesOfOneSlash64ShareOneKeyAndNeighbouringBlocksDoNot() {
        assertThat(ClientAddress.limitKey("2001:db8:0:1::1")).isEqualTo(ClientAddress.limitKey("2001:db8:0:1:ffff::9"))
                .isNotEqualTo(ClientAddress.limitKey("2001:db8:0:2::1"));
    }

    private static MockHttpServletRequest request(String forwardedFor) {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setRemoteAddr("10.1.1.1");
        request.addHeader("X-Forwarded-For", forwardedFor);
        return request;
    }
}
