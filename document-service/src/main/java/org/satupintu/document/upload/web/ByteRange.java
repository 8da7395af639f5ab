package org.satupintu.document.upload.web;

import org.jspecify.annotations.Nullable;

/**
 * One byte range of a {@code Range: bytes=…} header (RFC 9110), resolved against the file size. Several ranges
 * are answered with the whole file, which the RFC allows.
 */
record ByteRange(long start, long end) {

    /** Thrown for a range that lies wholly past the end of the file (416). */
    static final class Unsatisfiable extends RuntimeException {
        Unsatisfiable() {
            super("Range not satisfiable");
        }
    }

    long length() {
        return end - start + 1;
    }

    /** @return null for no (or an ignorable) range header, meaning the whole file */
    static @Nullable ByteRange parse(@Nullable String header, long size) {
        if (header == null || !header.startsWith("bytes=") || header.contains(",")) {
            return null;
        }
        String spec = header.substring(6).trim();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return null;
        }
        try {
            String first = spec.substring(0, dash).trim();
            String last = spec.substring(dash + 1).trim();
            if (first.isEmpty()) {
                long suffix = Long.parseLong(last);
                if (suffix <= 0 || size == 0) {
                    throw new Unsatisfiable();
                }
                return new ByteRange(Math.max(0, size - suffix), size - 1);
            }
            long start = Long.parseLong(first);
            long end = last.isEmpty() ? size - 1 : Math.min(Long.parseLong(last), size - 1);
            if (start >= size) {
                throw new Unsatisfiable();
            }
            if (end < start) {
                return null;
            }
            return new ByteRange(start, end);
        }
        catch (NumberFormatException e) {
            return null;
        }
    }
}
