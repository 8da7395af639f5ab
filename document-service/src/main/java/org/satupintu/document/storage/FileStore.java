package org.satupintu.document.storage;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.gridfs.GridFSBucket;
import com.mongodb.client.gridfs.GridFSBuckets;
import com.mongodb.client.gridfs.GridFSDownloadStream;
import com.mongodb.client.gridfs.GridFSUploadStream;
import com.mongodb.client.gridfs.model.GridFSUploadOptions;
import com.mongodb.MongoGridFSException;
import org.bson.BsonString;
import org.bson.Document;
import org.springframework.data.mongodb.MongoDatabaseFactory;
import org.springframework.stereotype.Component;

/**
 * The bytes of documents in GridFS ({@code fs.files}/{@code fs.chunks}), each under a fresh file id. Writes stream
 * through a small buffer while hashing and counting, so a file is never held in memory; a write that goes past its
 * limit is aborted and leaves no chunks behind.
 */
@Component
public class FileStore {

    /** GridFS's default chunk size: each chunk is one small MongoDB document. */
    static final int CHUNK_SIZE = 255 * 1024;
    private static final int BUFFER = 64 * 1024;
    private static final int DOWNLOAD_BATCH = 8;

    private final MongoDatabaseFactory databases;

    FileStore(MongoDatabaseFactory databases) {
        this.databases = databases;
    }

    /** The stream delivered more bytes than allowed; nothing was kept. */
    public static class TooLargeException extends IOException {

        private final long limit;

        TooLargeException(long limit) {
            super("More than " + limit + " bytes");
            this.limit = limit;
        }

        public long limit() {
            return limit;
        }
    }

    private GridFSBucket bucket() {
        MongoDatabase database = databases.getMongoDatabase();
        return GridFSBuckets.create(database).withChunkSizeBytes(CHUNK_SIZE);
    }

    /**
     * Streams {@code in} to a new GridFS file, hashing as it goes.
     *
     * @throws TooLargeException after more than {@code maxBytes} bytes (the partial file is removed)
     */
    public StoredFile write(String filename, String contentType, InputStream in, long maxBytes) throws IOException {
        String id = java.util.UUID.randomUUID().toString();
        MessageDigest sha256 = sha256();
        GridFSUploadOptions options = new GridFSUploadOptions().chunkSizeBytes(CHUNK_SIZE)
                .metadata(new Document("contentType", contentType));
        GridFSUploadStream out = bucket().openUploadStream(new BsonString(id), filename, options);
        long size = 0;
        boolean done = false;
        try {
            byte[] buffer = new byte[BUFFER];
            for (int n; (n = in.read(buffer)) != -1;) {
                size += n;
                if (size > maxBytes) {
                    throw new TooLargeException(maxBytes);
                }
                sha256.update(buffer, 0, n);
                out.write(buffer, 0, n);
            }
            out.close();
            done = true;
        }
        finally {
            if (!done) {
                // Deletes the chunks written so far.
                out.abort();
            }
        }
        return new StoredFile(id, size, HexFormat.of().formatHex(sha256.digest()));
    }

    /** Writes bytes already in memory (small, generated files such as certificates). */
    public StoredFile write(String filename, String contentType, byte[] bytes) throws IOException {
        return write(filename, contentType, new java.io.ByteArrayInputStream(bytes), bytes.length);
    }

    /** Reads from {@code offset} on; the caller closes the stream. */
    public InputStream read(String id, long offset) throws IOException {
        // A few chunks per round trip: bounded memory per download, whatever the server's default batch.
        GridFSDownloadStream stream = bucket().openDownloadStream(new BsonString(id)).batchSize(DOWNLOAD_BATCH);
        long skipped = 0;
        while (skipped < offset) {
            long n = stream.skip(offset - skipped);
            if (n <= 0) {
                break;
            }
            skipped += n;
        }
        return stream;
    }

    public byte[] readAll(String id) throws IOException {
        try (InputStream in = read(id, 0)) {
            return in.readAllBytes();
        }
    }

    /** Removes the file and its chunks; a file that is not there is fine. */
    public void delete(String id) {
        try {
            bucket().delete(new BsonString(id));
        }
        catch (MongoGridFSException e) {
            // Already gone: deleting is idempotent.
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
