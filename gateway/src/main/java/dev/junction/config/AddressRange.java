package dev.junction.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/** An address range a configuration writes (fetch.allow): one CIDR range ({@code 10.0.0.0/8}, {@code fe80::/10}) or one address, IPv4 or IPv6. */
public record AddressRange(byte[] network, int prefix) {

    /** Parses {@code address[/prefix]}; only literal addresses, never a name (which would mean a DNS look-up). */
    public static Optional<AddressRange> parse(String text) {
        String s = text.trim();
        int slash = s.indexOf('/');
        String address = slash < 0 ? s : s.substring(0, slash);
        if (address.isEmpty() || !address.matches("[0-9a-fA-F:.]+")) {
            return Optional.empty();
        }
        try {
            byte[] bytes = InetAddress.getByName(address).getAddress();
            int prefix = slash < 0 ? bytes.length * 8 : Integer.parseInt(s.substring(slash + 1));
            if (prefix < 0 || prefix > bytes.length * 8) {
                return Optional.empty();
            }
            return Optional.of(new AddressRange(bytes, prefix));
        } catch (UnknownHostException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    public static AddressRange of(String text) {
        return parse(text).orElseThrow(() -> new IllegalArgumentException("not an address range: " + text));
    }

    public boolean contains(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length != network.length) {
            return false;
        }
        int whole = prefix / 8;
        for (int i = 0; i < whole; i++) {
            if (bytes[i] != network[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (bytes[whole] & mask) == (network[whole] & mask);
    }
}
