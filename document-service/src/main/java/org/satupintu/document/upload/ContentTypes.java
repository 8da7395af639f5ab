package org.satupintu.document.upload;

import java.io.IOException;
import java.io.InputStream;

import org.apache.tika.metadata.Metadata;
import org.apache.tika.mime.MimeTypes;

/**
 * The real type of a file, from its first bytes (Tika's magic patterns) and nothing else: neither the client's
 * Content-Type nor the file name is trusted.
 */
final class ContentTypes {

    private static final MimeTypes MAGIC = MimeTypes.getDefaultMimeTypes();

    private ContentTypes() {
    }

    /** Reads ahead with mark/reset, so {@code in} must support marks; the stream is left at its start. */
    static String detect(InputStream in) throws IOException {
        // An empty Metadata means: no name, no declared type, only the bytes decide.
        return MAGIC.detect(in, new Metadata()).getBaseType().toString();
    }
}
