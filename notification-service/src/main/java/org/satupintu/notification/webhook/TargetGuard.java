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
 * metadata), private, carrier-grade NAT, unique-local, multicast or unspecified ones. Checked when subscribing and
 * again before every send, because DNS answers change.
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

    public URI check(String url) {
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
        if (!allowPrivate) {
            InetAddress[] addresses;
            try {
                addresses = InetAddress.getAllByName(uri.getHost());
            }
            catch (UnknownHostException e) {
                throw new InvalidWebhookUrlException("the host does not resolve");
            }
            for (InetAddress address : addresses) {
                if (internal(address)) {
                    throw new InvalidWebhookUrlException("the host resolves to an internal address");
                }
            }
        }
        return uri;
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
            return (b[0] & 0xfe) == 0xfc; // unique local fc00::/7
        }
        return false;
    }
}
