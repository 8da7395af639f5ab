package org.satupintu.document.upload;

import java.text.Normalizer;

import org.jspecify.annotations.Nullable;

/** Client file names made safe to store and to send back in {@code Content-Disposition}. */
public final class FileNames {

    static final int MAX_LENGTH = 120;

    private FileNames() {
    }

    /**
     * Keeps only the last path segment, drops control and reserved characters, trims dots and blanks and shortens
     * overlong names (keeping the extension). An empty result becomes {@code document} plus the type's extension.
     */
    public static String sanitise(@Nullable String name, String contentType) {
        String value = name == null ? "" : Normalizer.normalize(name, Normalizer.Form.NFC);
        value = value.substring(Math.max(value.lastIndexOf('/'), value.lastIndexOf('\\')) + 1);
        StringBuilder clean = new StringBuilder();
        value.codePoints().forEach(c -> {
            if (!Character.isISOControl(c) && "<>:\"|?*".indexOf(c) < 0 && Character.getType(c) != Character.FORMAT
                    && Character.isDefined(c)) {
                clean.appendCodePoint(Character.isWhitespace(c) ? ' ' : c);
            }
        });
        value = clean.toString().strip().replaceAll("^[. ]+", "").replaceAll("[. ]+$", "");
        if (value.isEmpty()) {
            return "document" + extension(contentType);
        }
        if (value.codePointCount(0, value.length()) > MAX_LENGTH) {
            int dot = value.lastIndexOf('.');
            String ext = dot > 0 && value.length() - dot <= 10 ? value.substring(dot) : "";
            String base = value.substring(0, value.length() - ext.length());
            base = base.substring(0, base.offsetByCodePoints(0, MAX_LENGTH - ext.length()));
            value = base.strip() + ext;
        }
        return value;
    }

    /**
     * The name a download is offered under: the stored name with the extension of the type detected from the bytes
     * (a PDF uploaded as {@code ktp.exe} is offered as {@code ktp.pdf}), so the client's file manager opens it with
     * the right program. Types without a known extension keep the name.
     */
    public static String forDownload(String storedName, String detectedType) {
        String extension = extension(detectedType);
        if (extension.isEmpty() || storedName.toLowerCase(java.util.Locale.ROOT).endsWith(extension)
                || (extension.equals(".jpg") && storedName.toLowerCase(java.util.Locale.ROOT).endsWith(".jpeg"))) {
            return storedName;
        }
        int dot = storedName.lastIndexOf('.');
        String base = dot > 0 && storedName.length() - dot <= 10 ? storedName.substring(0, dot) : storedName;
        return base + extension;
    }

    static String extension(String contentType) {
        return switch (contentType) {
            case "application/pdf" -> ".pdf";
            case "image/jpeg" -> ".jpg";
            case "image/png" -> ".png";
            default -> "";
        };
    }
}
