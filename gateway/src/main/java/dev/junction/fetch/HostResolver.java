package dev.junction.fetch;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Turns a host name into addresses. Blocking: the guard calls it off the event loop. The system's resolver in
 * production; tests give names of their own (a name that resolves to loopback) without touching DNS.
 */
@FunctionalInterface
public interface HostResolver {
    HostResolver SYSTEM = host -> List.of(InetAddress.getAllByName(host));

    List<InetAddress> resolve(String host) throws UnknownHostException;
}
