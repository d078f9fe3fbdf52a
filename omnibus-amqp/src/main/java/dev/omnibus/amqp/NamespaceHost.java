package dev.omnibus.amqp;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Service Bus names a namespace by its host: {@code orders.servicebus.windows.net} is namespace {@code orders}. This
 * turns the host a client used (an AMQP OPEN or SASL hostname, an HTTP {@code Host} header) into the namespace names
 * it may mean, best first: the whole host, then its first DNS label. A port, brackets and a trailing dot are
 * dropped and names are lower case. IP literals and empty hosts name nothing: a broker reached that way answers with
 * its default namespace, as it does for any host whose names it does not know.
 *
 * <pre>{@code
 * NamespaceHost.candidates("Orders.localhost:5300")   // [orders.localhost, orders]
 * NamespaceHost.candidates("orders")                  // [orders]
 * NamespaceHost.candidates("127.0.0.1")               // []
 * }</pre>
 */
public final class NamespaceHost {
    private NamespaceHost() {
    }

    /** The namespace names {@code host} may select, best first; empty when it selects none. */
    public static List<String> candidates(String host) {
        String name = bareHost(host);
        if (name.isEmpty() || isIpLiteral(name)) {
            return List.of();
        }
        List<String> names = new ArrayList<>(2);
        names.add(name);
        int dot = name.indexOf('.');
        if (dot > 0) {
            names.add(name.substring(0, dot));
        }
        return List.copyOf(names);
    }

    /** The host without port, IPv6 brackets or trailing dot, lower case; empty for null. */
    static String bareHost(String host) {
        if (host == null) {
            return "";
        }
        String h = host.trim();
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return (end > 0 ? h.substring(1, end) : h.substring(1)).toLowerCase(Locale.ROOT);
        }
        int colon = h.indexOf(':');
        if (colon >= 0 && colon == h.lastIndexOf(':')) {
            h = h.substring(0, colon);
        }
        while (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        return h.toLowerCase(Locale.ROOT);
    }

    /** An IPv6 literal (it has colons once the port is gone) or dotted IPv4. */
    private static boolean isIpLiteral(String host) {
        if (host.indexOf(':') >= 0) {
            return true;
        }
        String[] parts = host.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)) {
                return false;
            }
        }
        return true;
    }
}
