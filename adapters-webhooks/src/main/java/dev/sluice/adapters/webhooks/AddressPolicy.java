package dev.sluice.adapters.webhooks;

import dev.sluice.application.port.out.WebhookAddresses;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.function.Function;

/**
 * Which hosts webhooks may reach. Unless private networks are allowed, every address the host
 * resolves to must be public: not loopback, private (RFC 1918), link-local, unique-local
 * (fc00::/7), unspecified or multicast, and not the shared CGNAT range. Checked at registration and
 * again before each attempt, since DNS can change in between.
 */
final class AddressPolicy implements WebhookAddresses {
    private final boolean allowPrivate;
    private final Function<String, InetAddress[]> resolver;

    AddressPolicy(boolean allowPrivate) {
        this(allowPrivate, AddressPolicy::resolve);
    }

    AddressPolicy(boolean allowPrivate, Function<String, InetAddress[]> resolver) {
        this.allowPrivate = allowPrivate;
        this.resolver = resolver;
    }

    @Override
    public boolean allowsHttp() {
        return allowPrivate;
    }

    @Override
    public boolean allows(URI url) {
        if (allowPrivate) {
            return true;
        }
        if (!"https".equalsIgnoreCase(url.getScheme()) || url.getHost() == null) {
            return false;
        }
        InetAddress[] addresses = resolver.apply(url.getHost());
        return addresses.length > 0 && Arrays.stream(addresses).allMatch(AddressPolicy::isPublic);
    }

    static boolean isPublic(InetAddress address) {
        if (address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet6Address) {
            // fc00::/7 unique-local; Java reports only the old fec0::/10 site-local range
            return (bytes[0] & 0xfe) != 0xfc;
        }
        int first = bytes[0] & 0xff;
        int second = bytes[1] & 0xff;
        // 0.0.0.0/8 "this network", 100.64.0.0/10 shared address space
        return first != 0 && !(first == 100 && second >= 64 && second < 128);
    }

    private static InetAddress[] resolve(String host) {
        try {
            return InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            return new InetAddress[0];
        }
    }
}
