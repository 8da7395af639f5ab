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

    static String extension(String contentType) {
        return switch (contentType) {
            case "application/pdf" -> ".pdf";
            case "image/jpeg" -> ".jpg";
            case "image/png" -> ".png";
            default -> "";
        };
    }
}
