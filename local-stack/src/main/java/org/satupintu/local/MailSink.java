package org.satupintu.local;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;

/**
 * The local stack's mail server: a real SMTP server (GreenMail) on loopback that accepts every message and writes
 * each one as an {@code .eml} file you can open in any mail client.
 */
public final class MailSink implements AutoCloseable {

    private final GreenMail mail;
    private final ScheduledExecutorService writer;
    private final Path dir;
    private int written;

    private final int first;

    private MailSink(GreenMail mail, Path dir, int first) {
        this.mail = mail;
        this.dir = dir;
        this.first = first;
        this.writer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mail-sink");
            t.setDaemon(true);
            return t;
        });
        writer.scheduleWithFixedDelay(this::writeNew, 1, 1, TimeUnit.SECONDS);
    }

    public static MailSink start(Path dir, int port) {
        try {
            Files.createDirectories(dir);
        }
        catch (IOException e) {
            throw new IllegalStateException("Cannot create " + dir, e);
        }
        // Started again on the same directory (after an outage drill), it numbers on after the files already there.
        int existing;
        try (var files = Files.list(dir)) {
            existing = (int) files.filter(f -> f.getFileName().toString().endsWith(".eml")).count();
        }
        catch (IOException e) {
            throw new IllegalStateException("Cannot list " + dir, e);
        }
        GreenMail mail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        return new MailSink(mail, dir, existing);
    }

    public Path dir() {
        return dir;
    }

    /*
     * GreenMail lists received messages mailbox by mailbox, not in arrival order, so a new message for one recipient
     * can appear before older ones of another: each message is recognised by identity, never by its position.
     */
    private final java.util.Set<MimeMessage> saved = java.util.Collections.newSetFromMap(
            new java.util.IdentityHashMap<>());

    private synchronized void writeNew() {
        for (MimeMessage message : mail.getReceivedMessages()) {
            if (!saved.add(message)) {
                continue;
            }
            Path file = dir.resolve(String.format("%05d.eml", first + ++written));
            try (OutputStream out = Files.newOutputStream(file)) {
                message.writeTo(out);
            }
            catch (Exception e) {
                System.err.println("Could not write " + file + ": " + e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        writer.shutdownNow();
        writeNew();
        mail.stop();
    }
}
