package io.phonegate.gateway.limits;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.mock.web.MockHttpServletRequest;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which address a request is counted under. */
class ClientAddressTest {

    private static final ClientAddress NO_PROXIES = new ClientAddress(new ClientIpSettings(List.of(), "X-Forwarded-For"));
    private static final ClientAddress BEHIND_PROXIES = new ClientAddress(
            new ClientIpSettings(List.of("10.0.0.0/16", "2001:db8:ffff::/48"), "X-Forwarded-For"));

    @Test
    void withoutTrustedProxiesNoHeaderIsEverRead() {
        MockHttpServletRequest request = from("10.0.1.1");
        request.addHeader("X-Forwarded-For", "203.0.113.9, 198.51.100.7");
        request.addHeader("Forwarded", "for=198.51.100.8");
        request.addHeader("X-Real-IP", "198.51.100.9");

        assertThat(NO_PROXIES.of(request)).isEqualTo("10.0.1.1");
    }

    @Test
    void aPeerOutsideTheTrustedRangesIsTheClientWhateverItForwards() {
        MockHttpServletRequest request = from("192.0.2.50");
        request.addHeader("X-Forwarded-For", "203.0.113.9");

        assertThat(BEHIND_PROXIES.of(request)).isEqualTo("192.0.2.50");
    }

    @Test
    void aTrustedProxyGivesTheAddressItAppendedNotWhatTheClientWroteBeforeIt() {
        MockHttpServletRequest request = from("10.0.1.1");
        request.addHeader("X-Forwarded-For", "1.2.3.4, 203.0.113.9, 198.51.100.7");

        assertThat(BEHIND_PROXIES.of(request)).isEqualTo("198.51.100.7");
    }

    @Test
    void hopsThatAreTrustedProxiesThemselvesAreSkippedAcrossHeaderLines() {
        MockHttpServletRequest request = from("10.0.1.1");
        request.addHeader("X-Forwarded-For", "1.2.3.4, 198.51.100.7");
        request.addHeader("X-Forwarded-For", "10.0.2.2");

        assertThat(BEHIND_PROXIES.of(request)).isEqualTo("198.51.100.7");
    }

    @Test
    void ipv6ProxiesAndClientsAreReadTheSameWay() {
        MockHttpServletRequest request = from("2001:db8:ffff:1::10");
        request.addHeader("X-Forwarded-For", "2001:db8:1:2::99, [2001:db8:ffff:2::1]");

        assertThat(BEHIND_PROXIES.of(request)).isEqualTo("2001:db8:1:2:0:0:0:99");
    }

    @ParameterizedTest
    @ValueSource(strings = {"unknown", "", "198.51.100.7:443", "999.1.1.1", "example.com"})
    void anEntryThatIsNoAddressStopsTheWalkAtTheLastTrustedHop(String garbage) {
        MockHttpServletRequest request = from("10.0.1.1");
        request.addHeader("X-Forwarded-For", "203.0.113.9, " + garbage + ", 10.0.3.3");

        assertThat(BEHIND_PROXIES.of(request)).isEqualTo("10.0.3.3");
    }

    @Test
    void aTrustedProxyThatForwardsNothingIsItselfTheClient() {
        assertThat(BEHIND_PROXIES.of(from("10.0.1.1"))).isEqualTo("10.0.1.1");
    }

    @Test
    void aRangeThatDoesNotParseRefusesToStart() {
        assertThatThrownBy(() -> new ClientIpSettings(List.of("10.0.0.0/33"), "X-Forwarded-For"))
                .hasMessageContaining("10.0.0.0/33");
        assertThatThrownBy(() -> new ClientIpSettings(List.of("proxy.internal"), "X-Forwarded-For"))
                .hasMessageContaining("proxy.internal");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            10.0.0.0/8          | 10.255.1.2          | true
            10.0.0.0/8          | 11.0.0.1            | false
            192.168.4.0/22      | 192.168.7.255       | true
            192.168.4.0/22      | 192.168.8.0         | false
            203.0.113.7         | 203.0.113.7         | true
            0.0.0.0/0           | ::1                 | false
            2001:db8::/32       | 2001:db8:ffff::1    | true
            2001:db8::/32       | 2001:db9::1         | false
            fd00::/8            | fdff::1             | true
            ::1/128             | ::1                 | true
            ::1/128             | 127.0.0.1           | false
            10.0.0.0/8          | ::ffff:10.1.1.1     | true
            """)
    void rangesHoldTheirOwnFamilyOnly(String range, String address, boolean inside) {
        assertThat(AddressRange.parse(range).contains(IpLiteral.parse(address).orElseThrow())).isEqualTo(inside);
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

    private static MockHttpServletRequest from(String peer) {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setRemoteAddr(peer);
        return request;
    }
}
