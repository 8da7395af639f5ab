package org.satupintu.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

import jakarta.mail.Message;
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
            Properties props = new Properties();
            props.put("mail.smtp.host", "127.0.0.1");
            props.put("mail.smtp.port", String.valueOf(port));
            MimeMessage message = new MimeMessage(Session.getInstance(props));
            message.setFrom(new InternetAddress("noreply@satupintu.local"));
            message.setRecipient(Message.RecipientType.TO, new InternetAddress("ani@example.id"));
            message.setSubject("Permohonan diterima");
            message.setText("Nomor registrasi REG-SULUT-MANADO-2026-000001");
            Transport.send(message);

            Path eml = dir.resolve("00001.eml");
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!Files.exists(eml) && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(eml).exists();
            assertThat(Files.readString(eml)).contains("Permohonan diterima").contains("REG-SULUT-MANADO-2026-000001");
        }
    }
}
