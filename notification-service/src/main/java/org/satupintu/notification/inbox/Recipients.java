package org.satupintu.notification.inbox;

import java.util.ArrayList;
import java.util.List;

import org.satupintu.support.security.Caller;
import org.satupintu.support.security.Role;

/**
 * Recipient keys. There is no user directory here, so office staff are addressed by office and role
 * ({@code office:SULUT-MANADO:officer}); an officer's inbox shows their own notifications plus their office's
 * officer ones, a supervisor's also the supervisor ones.
 */
public final class Recipients {

    private Recipients() {
    }

    public static String user(String subject) {
        return "user:" + subject;
    }

    public static String office(String officeCode, String role) {
        return "office:" + officeCode + ":" + role;
    }

    public static List<String> of(Caller caller) {
        List<String> keys = new ArrayList<>();
        keys.add(user(caller.subject()));
        String office = caller.office();
        if (office != null) {
            if (caller.hasAnyRole(Role.OFFICER, Role.SUPERVISOR)) {
                keys.add(office(office, "officer"));
            }
            if (caller.hasRole(Role.SUPERVISOR)) {
                keys.add(office(office, "supervisor"));
            }
        }
        return List.copyOf(keys);
    }
}
