package org.satupintu.document.certificate;

import java.time.ZoneId;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How certificates are made.
 *
 * @param publicBaseUrl where the public reaches the platform (the gateway); the QR code opens the web client's
 *        verification page below it ({@code /verify/{permitNumber}}), readable by a person, not the JSON API
 * @param zone the time zone of the issue date printed on the certificate
 */
@ConfigurationProperties("satupintu.certificate")
public record CertificateProperties(@DefaultValue("http://localhost:8080") String publicBaseUrl,
        @DefaultValue("Asia/Makassar") ZoneId zone) {

    public String verificationUrl(String permitNumber) {
        String base = publicBaseUrl.endsWith("/") ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1)
                : publicBaseUrl;
        return base + "/verify/"
                + org.springframework.web.util.UriUtils.encodePathSegment(permitNumber,
                        java.nio.charset.StandardCharsets.UTF_8);
    }
}
