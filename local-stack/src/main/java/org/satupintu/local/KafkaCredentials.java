package org.satupintu.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The SCRAM passwords of the Kafka principals of one broker ({@link KafkaAccess}): the admin and one per service,
 * random, generated on first start and kept in a file readable only by its owner (for the local stack
 * {@code .local/kafka-credentials.properties}, never committed), then reused.
 */
public record KafkaCredentials(Map<String, String> passwords) {

    private static final SecureRandom RANDOM = new SecureRandom();

    public KafkaCredentials {
        passwords = Map.copyOf(passwords);
    }

    /** Every principal of {@link KafkaAccess} with a fresh random password. */
    public static KafkaCredentials generate() {
        Map<String, String> passwords = new LinkedHashMap<>();
        for (String principal : principals()) {
            passwords.put(principal, randomPassword());
        }
        return new KafkaCredentials(passwords);
    }

    /** Reads the file, adding a password for any principal it lacks; creates it (owner-only) on first use. */
    public static synchronized KafkaCredentials loadOrCreate(Path file) {
        try {
            Properties stored = new Properties();
            if (Files.isRegularFile(file)) {
                try (var in = Files.newBufferedReader(file)) {
                    stored.load(in);
                }
            }
            Map<String, String> passwords = new LinkedHashMap<>();
            boolean changed = false;
            for (String principal : principals()) {
                String password = stored.getProperty(principal);
                if (password == null || password.isBlank()) {
                    password = randomPassword();
                    changed = true;
                }
                passwords.put(principal, password);
            }
            KafkaCredentials credentials = new KafkaCredentials(passwords);
            if (changed) {
                credentials.write(file);
            }
            return credentials;
        }
        catch (IOException e) {
            throw new UncheckedIOException("Could not read or write Kafka credentials " + file, e);
        }
    }

    private void write(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        try {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        catch (UnsupportedOperationException e) {
            Files.createFile(tmp);
        }
        StringBuilder text = new StringBuilder("""
                # SCRAM-SHA-512 passwords of the local Kafka broker's principals, generated on first start.
                # Never commit this file. Delete it together with data/kafka to start over with new passwords.
                """);
        passwords.forEach((principal, password) -> text.append(principal).append('=').append(password).append('\n'));
        Files.writeString(tmp, text);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    public String password(String principal) {
        String password = passwords.get(principal);
        if (password == null) {
            throw new IllegalArgumentException("No Kafka principal " + principal + "; one of " + passwords.keySet());
        }
        return password;
    }

    public String adminPassword() {
        return password(KafkaAccess.ADMIN);
    }

    /** Client settings of one principal for the given broker. */
    public Map<String, Object> clientProperties(String bootstrapServers, String principal) {
        return KafkaAccess.clientProperties(bootstrapServers, principal, password(principal));
    }

    /** The environment a service process needs to authenticate as its principal. */
    public Map<String, String> serviceEnvironment(String principal) {
        return Map.of("KAFKA_USERNAME", principal, "KAFKA_PASSWORD", password(principal));
    }

    private static List<String> principals() {
        List<String> all = new ArrayList<>();
        all.add(KafkaAccess.ADMIN);
        all.addAll(KafkaAccess.SERVICE_PRINCIPALS);
        return all;
    }

    private static String randomPassword() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Override
    public String toString() {
        return "KafkaCredentials" + passwords.keySet() + " (passwords hidden)";
    }
}
