package org.satupintu.notification;

import org.satupintu.testsupport.ServiceArchitectureTests;

/** The structure of notification-service, as STYLE.md states it ({@code web} subpackages are the HTTP edge). */
class ArchitectureTests extends ServiceArchitectureTests {

    static final String ROOT = "org.satupintu.notification";

    ArchitectureTests() {
        super(ROOT, ROOT + ".inbox", ROOT + ".template", ROOT + ".delivery", ROOT + ".routing", ROOT + ".webhook",
                ROOT + ".email", ROOT + ".sms");
    }
}
