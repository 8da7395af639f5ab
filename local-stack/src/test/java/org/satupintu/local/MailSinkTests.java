package org.satupintu.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MailSinkTests {

    @TempDir
    Path dir;

    @Test
    void everyMessageSentOverSmtpIsSavedAsAnEmlFile() throws Exception {
        int port = Ports.freePort();
        try (MailSink sink = MailSink.start(dir, port)) {
            send(port, "REG-SULUT-MANADO-2026-000001");
            Path eml = awaitFile("00001.eml");
            assertThat(Files.readString(eml)).contains("Permohonan diterima").contains("REG-SULUT-MANADO-2026-000001");
        }
    }

    @Test
    void messagesToSeveralRecipientsAreEachSavedOnceWhateverTheirOrder() throws Exception {
        int port = Ports.freePort();
        try (MailSink sink = MailSink.start(dir, port)) {
            // Later recipients first, then earlier ones again: GreenMail lists mailbox by mailbox.
            String[] recipients = {"zeta@example.id", "ani@example.id", "zeta@example.id", "budi@example.id",
                "ani@example.id", "zeta@example.id"};
            for (int i = 0; i < recipients.length; i++) {
                send(port, recipients[i], "REG-SULUT-MANADO-2026-00010" + i);
                Thread.sleep(i % 2 == 0 ? 1200 : 0); // some land in separate write rounds, some together
            }
            awaitFile(String.format("%05d.eml", recipients.length));
            Thread.sleep(1500); // a second write round must not add or rewrite anything
            try (var files = Files.list(dir)) {
                assertThat(files.filter(f -> f.toString().endsWith(".eml")).count()).isEqualTo(recipients.length);
            }
            for (int i = 0; i < recipients.length; i++) {
                String registration = "REG-SULUT-MANADO-2026-00010" + i;
                try (var files = Files.list(dir)) {
                    assertThat(files.filter(f -> {
                        try {
                            return Files.readString(f).contains(registration);
                        }
                        catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }).count()).as(registration).isEqualTo(1);
                }
            }
        }
    }

    @Test
    void refusesMailWhileStoppedAndKeepsEarlierMessagesWhenStartedAgain() throws Exception {
        int port = Ports.freePort();
        try (MailSink sink = MailSink.start(dir, port)) {
            send(port, "REG-SULUT-MANADO-2026-000001");
            awaitFile("00001.eml");
        }
        assertThatThrownBy(() -> send(port, "REG-SULUT-MANADO-2026-000002")).isInstanceOf(MessagingException.class);
        try (MailSink sink = MailSink.start(dir, port)) {
            send(port, "REG-SULUT-MANADO-2026-000003");
            Path second = awaitFile("00002.eml");
            assertThat(Files.readString(second)).contains("REG-SULUT-MANADO-2026-000003");
            assertThat(Files.readString(dir.resolve("00001.eml"))).contains("REG-SULUT-MANADO-2026-000001");
        }
    }

    private static void send(int port, String registration) throws MessagingException {
        send(port, "ani@example.id", registration);
    }

    private static void send(int port, String to, String registration) throws MessagingException {
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", String.valueOf(port));
        props.put("mail.smtp.connectiontimeout", "2000");
        MimeMessage message = new MimeMessage(Session.getInstance(props));
        message.setFrom(new InternetAddress("noreply@satupintu.local"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        message.setSubject("Permohonan diterima");
        message.setText("Nomor registrasi " + registration);
        Transport.send(message);
    }

    private Path awaitFile(String name) throws InterruptedException {
        Path eml = dir.resolve(name);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!Files.exists(eml) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(eml).exists();
        return eml;
    }
}
