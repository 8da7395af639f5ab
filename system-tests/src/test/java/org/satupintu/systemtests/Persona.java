package org.satupintu.systemtests;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The callers of the authorization matrix, one per column of {@code authorization-matrix.md}: demo users of the dev
 * realm and the two regional-office systems, all with real Keycloak tokens (reused for two minutes; they live five).
 */
enum Persona {

    ANONYMOUS("anonymous", null, null),
    OWNER("owner", "ani", null),
    OTHER_APPLICANT("other applicant", "eko", null),
    OFFICER("officer", "budi", null),
    OFFICER_OTHER_OFFICE("officer other office", "dewi", null),
    SUPERVISOR("supervisor", "citra", null),
    SUPERVISOR_OTHER_OFFICE("supervisor other office", "fajar", null),
    INTEGRATION("integration", "office-sulut-manado", "dev-secret-manado"),
    INTEGRATION_OTHER_OFFICE("integration other office", "office-sulut-bitung", "dev-secret-bitung"),
    ADMIN("admin", "adi", null),
    OPS("ops", "olga", null);

    private static final Duration REUSE = Duration.ofSeconds(120);
    private static final Map<Persona, Issued> TOKENS = new ConcurrentHashMap<>();

    private record Issued(String token, Instant at) {
    }

    private final String column;
    private final String login;
    private final String clientSecret;

    Persona(String column, String login, String clientSecret) {
        this.column = column;
        this.login = login;
        this.clientSecret = clientSecret;
    }

    /** The column header in the matrix file. */
    String column() {
        return column;
    }

    /** A current access token, or null for the anonymous caller. */
    String token() {
        if (login == null) {
            return null;
        }
        Issued issued = TOKENS.get(this);
        if (issued == null || issued.at().plus(REUSE).isBefore(Instant.now())) {
            String token = clientSecret == null ? RunningPlatform.token(login)
                    : RunningPlatform.clientToken(login, clientSecret);
            issued = new Issued(token, Instant.now());
            TOKENS.put(this, issued);
        }
        return issued.token();
    }

    static Persona ofColumn(String column) {
        for (Persona persona : values()) {
            if (persona.column.equalsIgnoreCase(column.trim())) {
                return persona;
            }
        }
        throw new IllegalArgumentException("No caller for matrix column '" + column + "'");
    }
}
