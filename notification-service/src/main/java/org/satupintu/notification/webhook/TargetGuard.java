package org.satupintu.notification.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;

import org.springframework.stereotype.Component;

/**
 * Checks webhook URLs against SSRF: http or https only, no credentials in the URL, and unless private targets are
 * allowed (local stack, tests) the host must resolve only to public addresses: no loopback, link-local (cloud
 * metadata), private, carrier-grade NAT, unique-local, multicast or unspecified ones, nor IPv6 forms that carry an
 * IPv4 address to somewhere else (NAT64 {@code 64:ff9b::/96} and {@code 64:ff9b:1::/48}, 6to4 {@code 2002::/16},
 * Teredo {@code 2001::/32}, IPv4-compatible {@code ::/96} and IPv4-mapped {@code ::ffff:0:0/96}). Checked when
 * subscribing, and at every send by {@link #resolve(String)}, whose answer is the only one the connection uses: the
 * name is looked up once per connection and the checked addresses are the ones connected to (no second lookup that
 * a rebinding DNS server could answer differently).
 */
@Component
public class TargetGuard {

    private final boolean allowPrivate;

    @org.springframework.beans.factory.annotation.Autowired
    TargetGuard(WebhooksProperties properties) {
        this(properties.allowPrivateTargets());
    }

    TargetGuard(boolean allowPrivate) {
        this.allowPrivate = allowPrivate;
    }

    /** The URL's form only (scheme, host, no credentials or fragment): no DNS lookup. */
    public URI checkForm(String url) {
        URI uri;
        try {
            uri = new URI(url.trim());
        }
        catch (URISyntaxException e) {
            throw new InvalidWebhookUrlException("not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new InvalidWebhookUrlException("only http and https URLs are allowed");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new InvalidWebhookUrlException("the URL has no host");
        }
        if (uri.getRawUserInfo() != null) {
            throw new InvalidWebhookUrlException("credentials in the URL are not allowed");
        }
        if (uri.getRawFragment() != null) {
            throw new InvalidWebhookUrlException("a fragment is not allowed");
        }
        return uri;
    }

    /** The URL's form, and that its host resolves only to addresses we may call. */
    public URI check(String url) {
        URI uri = checkForm(url);
        try {
            resolve(java.util.Objects.requireNonNull(uri.getHost()));
        }
        catch (RefusedTargetException e) {
            throw new InvalidWebhookUrlException(String.valueOf(e.getMessage()));
        }
        catch (UnknownHostException e) {
            throw new InvalidWebhookUrlException("the host does not resolve");
        }
        return uri;
    }

    /**
     * The addresses of a host that a webhook may connect to: one lookup, every answer checked. Used as the HTTP
     * client's resolver, so what is checked is what is connected to.
     *
     * @throws RefusedTargetException when any answer is internal (unless private targets are allowed)
     */
    public InetAddress[] resolve(String host) throws UnknownHostException {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        InetAddress[] addresses = InetAddress.getAllByName(bare);
        if (!allowPrivate) {
            for (InetAddress address : addresses) {
                if (internal(address)) {
                    throw new RefusedTargetException("the host resolves to an internal address");
                }
            }
        }
        return addresses;
    }

    /** A host that resolves to an address webhooks may not reach. */
    public static final class RefusedTargetException extends UnknownHostException {

        RefusedTargetException(String message) {
            super(message);
        }
    }

    static boolean internal(InetAddress a) {
        if (a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress() || a.isAnyLocalAddress()
                || a.isMulticastAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first == 0 // "this network"
                    || (first == 100 && second >= 64 && second <= 127) // carrier-grade NAT
                    || (first == 192 && second == 0 && (b[2] & 0xff) == 0) // IETF protocol assignments
                    || (first == 198 && (second == 18 || second == 19)) // benchmarking
                    || first >= 240; // reserved, broadcast
        }
        if (a instanceof Inet6Address) {
            return (b[0] & 0xfe) == 0xfc // unique local fc00::/7
                    || startsWith(b, 0x00, 0x64, 0xff, 0x9b) // NAT64 64:ff9b::/96 and local-use 64:ff9b:1::/48
                    || startsWith(b, 0x20, 0x02) // 6to4 2002::/16
                    || startsWith(b, 0x20, 0x01, 0x00, 0x00) // Teredo 2001::/32
                    || zeros(b, 10) && (((b[10] & 0xff) == 0 && (b[11] & 0xff) == 0) // IPv4-compatible ::/96
                            || ((b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff)); // IPv4-mapped ::ffff:0:0/96
        }
        return false;
    }

    private static boolean startsWith(byte[] address, int... prefix) {
        for (int i = 0; i < prefix.length; i++) {
            if ((address[i] & 0xff) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean zeros(byte[] address, int count) {
        for (int i = 0; i < count; i++) {
            if (address[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
