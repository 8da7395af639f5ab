package org.satupintu.notification.email;

import java.nio.charset.StandardCharsets;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.MimeMessage;
import org.jspecify.annotations.Nullable;
import org.satupintu.notification.delivery.Channel;
import org.satupintu.notification.delivery.ChannelSender;
import org.satupintu.notification.delivery.Delivery;
import org.satupintu.notification.delivery.DeliveryException;
import org.satupintu.notification.delivery.Guard;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/** Sends email deliveries through the configured SMTP server (plain text, UTF-8), guarded by retry and breaker. */
@Component
class EmailSender implements ChannelSender {

    private final JavaMailSender mail;
    private final Guard guard;
    private final EmailProperties properties;

    EmailSender(JavaMailSender mail, Guard guard, EmailProperties properties) {
        this.mail = mail;
        this.guard = guard;
        this.properties = properties;
    }

    @Override
    public Channel channel() {
        return Channel.EMAIL;
    }

    @Override
    public @Nullable Integer send(Delivery delivery) throws DeliveryException {
        MimeMessage message = mail.createMimeMessage();
        try {
            MimeMessageHelper helper = new MimeMessageHelper(message, false, StandardCharsets.UTF_8.name());
            helper.setFrom(properties.from());
            helper.setTo(delivery.address());
            helper.setSubject(delivery.subject() == null ? "SatuPintu" : delivery.subject());
            helper.setText(delivery.body(), false);
            message.setHeader("X-SatuPintu-Delivery-Id", delivery.id());
        }
        catch (MessagingException e) {
            throw DeliveryException.permanent("cannot build the message: " + e.getMessage());
        }
        guard.run("smtp", () -> {
            try {
                mail.send(message);
            }
            catch (MailException e) {
                throw classify(e);
            }
        });
        return null;
    }

    /** A refused or malformed address will not get better; anything else (server away, 4xx) may. */
    static DeliveryException classify(MailException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof AddressException) {
                return DeliveryException.permanent("invalid address: " + t.getMessage());
            }
            if (t instanceof SendFailedException failed && failed.getInvalidAddresses() != null
                    && failed.getInvalidAddresses().length > 0 && String.valueOf(failed.getMessage()).startsWith("5")) {
                return DeliveryException.permanent("address refused: " + failed.getMessage());
            }
        }
        return DeliveryException.temporary("SMTP: " + e.getMessage(), null);
    }
}
