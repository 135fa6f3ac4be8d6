package dev.sluice.adapters.webhooks;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class AddressPolicyTest {
    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "0.0.0.0",
            "100.64.0.1", "224.0.0.1", "::1", "::", "fe80::1", "fc00::1", "fd12:3456::1", "::ffff:10.0.0.1"})
    void privateLoopbackLinkLocalUniqueLocalAndUnspecifiedAddressesAreRefused(String address) throws Exception {
        assertFalse(AddressPolicy.isPublic(InetAddress.getByName(address)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.215.14", "8.8.8.8", "100.128.0.1", "2606:4700::1111"})
    void publicAddressesAreAllowed(String address) throws Exception {
        assertTrue(AddressPolicy.isPublic(InetAddress.getByName(address)));
    }

    @Test
    void aHostIsAllowedOnlyWhenEveryAddressItResolvesToIsPublic() throws Exception {
        Map<String, InetAddress[]> dns = Map.of(
                "shop.example", new InetAddress[] {InetAddress.getByName("93.184.215.14")},
                "rebound.example", new InetAddress[] {InetAddress.getByName("93.184.215.14"),
                        InetAddress.getByName("10.0.0.5")});
        AddressPolicy policy = new AddressPolicy(false, host -> dns.getOrDefault(host, new InetAddress[0]));

        assertTrue(policy.allows(URI.create("https://shop.example/hook")));
        assertFalse(policy.allows(URI.create("https://rebound.example/hook")));
        assertFalse(policy.allows(URI.create("https://unknown.example/hook")), "a host that does not resolve");
        assertFalse(policy.allows(URI.create("http://shop.example/hook")), "plain http");
        assertFalse(policy.allowsHttp());
    }

    @Test
    void allowingPrivateNetworksAllowsLocalhostOverHttp() throws UnknownHostException {
        AddressPolicy policy = new AddressPolicy(true, host -> new InetAddress[0]);

        assertTrue(policy.allows(URI.create("http://localhost:9000/hook")));
        assertTrue(policy.allowsHttp());
    }
}
