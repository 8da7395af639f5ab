package org.satupintu.testsupport;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Object Mother of callers for slice tests: locally built tokens shaped like the dev realm's (subject,
 * preferred_username, realm_access.roles, office, audience). Integration tests use real tokens ({@link Tokens}).
 */
public final class Callers {

    /** Stable subjects so tests can assert ownership. */
    public static final String ANI_ID = "00000000-0000-4000-8000-000000000a01";
    public static final String EKO_ID = "00000000-0000-4000-8000-000000000e02";

    private Callers() {
    }

    public static Consumer<Jwt.Builder> ani() {
        return token(ANI_ID, "ani", null, "applicant");
    }

    public static Consumer<Jwt.Builder> eko() {
        return token(EKO_ID, "eko", null, "applicant");
    }

    public static Consumer<Jwt.Builder> budi() {
        return token(uuid("budi"), "budi", "SULUT-MANADO", "officer");
    }

    public static Consumer<Jwt.Builder> citra() {
        return token(uuid("citra"), "citra", "SULUT-MANADO", "supervisor");
    }

    public static Consumer<Jwt.Builder> dewi() {
        return token(uuid("dewi"), "dewi", "SULUT-BITUNG", "officer");
    }

    public static Consumer<Jwt.Builder> olga() {
        return token(uuid("olga"), "olga", null, "ops");
    }

    public static Consumer<Jwt.Builder> adi() {
        return token(uuid("adi"), "adi", null, "admin");
    }

    public static Consumer<Jwt.Builder> manadoSystem() {
        return token(uuid("office-sulut-manado"), "service-account-office-sulut-manado", "SULUT-MANADO",
                "integration");
    }

    public static Consumer<Jwt.Builder> token(String subject, String username, String office, String... roles) {
        return builder -> {
            builder.subject(subject)
                    .claim("preferred_username", username)
                    .claim("realm_access", Map.of("roles", List.of(roles)))
                    .claim("email", username + "@example.id")
                    .claim("name", username)
                    .audience(List.of("satupintu-api"))
                    .issuedAt(Instant.now())
                    .expiresAt(Instant.now().plusSeconds(300));
            if (office != null) {
                builder.claim("office", office);
            }
        };
    }

    private static String uuid(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes()).toString();
    }
}
