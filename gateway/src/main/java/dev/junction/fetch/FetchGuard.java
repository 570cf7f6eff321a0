package dev.junction.fetch;

import dev.junction.config.AddressRange;
import dev.junction.config.FetchConfig;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Decides whether Junction may fetch a URL, so that no request a client controls (a search backend's results are
 * not fetched, but a document by URL is) reaches inside the network Junction runs in: only {@code http} and
 * {@code https}; the host resolved once, here, and every address it resolves to checked — loopback, private,
 * link-local (the cloud metadata service, {@code 169.254.169.254}), carrier-grade NAT, unique-local, multicast and
 * unspecified addresses are refused unless an {@code FetchConfig.allow} range covers them. The caller connects to
 * the address checked, never resolving the name again, so a DNS answer that changes between the check and the
 * connection (rebinding) cannot slip through.
 */
public final class FetchGuard {
    /** Ranges that are not the public Internet, besides what {@link InetAddress}'s own predicates name. */
    private static final List<AddressRange> INTERNAL = List.of(
            AddressRange.of("0.0.0.0/8"),        // "this network"
            AddressRange.of("100.64.0.0/10"),    // carrier-grade NAT
            AddressRange.of("192.0.0.0/24"),     // IETF protocol assignments
            AddressRange.of("198.18.0.0/15"),    // benchmarking
            AddressRange.of("240.0.0.0/4"),      // reserved, and the broadcast address
            AddressRange.of("fc00::/7"),         // unique-local (AWS's IPv6 metadata address is one)
            AddressRange.of("64:ff9b::/96"),     // NAT64: an IPv4 address inside
            AddressRange.of("2002::/16"));       // 6to4: an IPv4 address inside

    private final List<AddressRange> allowed;
    private final HostResolver resolver;

    public FetchGuard(FetchConfig config, HostResolver resolver) {
        this.allowed = config.allow().stream().map(AddressRange::of).toList();
        this.resolver = resolver;
    }

    /** A URL that passed, with the one address to connect to. */
    public record Target(URI uri, String host, int port, boolean ssl, InetAddress address) {
        /** The path and query to request, {@code /} when the URL has none. */
        public String pathAndQuery() {
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        }
    }

    /**
     * Checks the URL and resolves its host. Blocking (a DNS look-up): call it off the event loop.
     *
     * @throws FetchRefusedException when the URL may not be fetched, saying why
     */
    public Target check(URI uri) {
        String scheme = Optional.ofNullable(uri.getScheme()).map(s -> s.toLowerCase(Locale.ROOT)).orElse("");
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new FetchRefusedException("only http and https URLs are fetched, not '" + uri + "'");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw new FetchRefusedException("the URL '" + uri + "' names no host");
        }
        if (uri.getRawUserInfo() != null) {
            throw new FetchRefusedException("a URL with credentials in it is not fetched");
        }
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        List<InetAddress> addresses;
        try {
            addresses = resolver.resolve(bare);
        } catch (UnknownHostException e) {
            throw new FetchRefusedException("the host '" + bare + "' does not resolve");
        }
        if (addresses.isEmpty()) {
            throw new FetchRefusedException("the host '" + bare + "' does not resolve");
        }
        for (InetAddress address : addresses) {
            if (internal(address) && allowed.stream().noneMatch(r -> r.contains(address))) {
                throw new FetchRefusedException("the host '" + bare + "' resolves to " + address.getHostAddress()
                        + ", an internal address, which is not fetched (see fetch.allow)");
            }
        }
        boolean ssl = scheme.equals("https");
        int port = uri.getPort() > 0 ? uri.getPort() : ssl ? 443 : 80;
        return new Target(uri, bare, port, ssl, addresses.getFirst());
    }

    /** Whether an address is anything but the public Internet. */
    static boolean internal(InetAddress address) {
        InetAddress a = embeddedIpv4(address).orElse(address);
        return a.isLoopbackAddress() || a.isAnyLocalAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress()
                || a.isMulticastAddress() || INTERNAL.stream().anyMatch(r -> r.contains(a));
    }

    /** The IPv4 address inside an IPv4-compatible IPv6 address ({@code ::127.0.0.1}), which Java does not unwrap. */
    private static Optional<InetAddress> embeddedIpv4(InetAddress address) {
        if (!(address instanceof Inet6Address v6)) {
            return Optional.empty();
        }
        byte[] b = v6.getAddress();
        for (int i = 0; i < 12; i++) {
            if (b[i] != 0) {
                return Optional.empty();
            }
        }
        try {
            return Optional.of(Inet4Address.getByAddress(new byte[]{b[12], b[13], b[14], b[15]}));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
