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
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", String.valueOf(port));
        props.put("mail.smtp.connectiontimeout", "2000");
        MimeMessage message = new MimeMessage(Session.getInstance(props));
        message.setFrom(new InternetAddress("noreply@satupintu.local"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress("ani@example.id"));
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
