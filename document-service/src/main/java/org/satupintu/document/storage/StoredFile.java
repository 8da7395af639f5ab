package org.satupintu.document.storage;

/** The bytes of a document as stored in GridFS: their file id, how many and their SHA-256 (lower-case hex). */
public record StoredFile(String fileId, long size, String sha256) {
}
