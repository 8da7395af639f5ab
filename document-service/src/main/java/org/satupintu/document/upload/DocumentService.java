package org.satupintu.document.upload;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.satupintu.document.applicationservice.ApplicationServiceClient;
import org.satupintu.document.applicationservice.RequirementRules;
import org.satupintu.support.outbox.OutboxRelay;
import org.satupintu.support.problem.ApiException;
import org.satupintu.support.problem.FieldError;
import org.satupintu.document.projection.ApplicationDirectory;
import org.satupintu.document.projection.ApplicationView;
import org.satupintu.support.security.Caller;
import org.satupintu.support.security.Role;
import org.satupintu.document.storage.DocumentRepository;
import org.satupintu.document.storage.FileStore;
import org.satupintu.document.storage.StoredDocument;
import org.satupintu.document.storage.StoredFile;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Service;

/**
 * The document use cases. Uploads check the application (owner or its office's system, editable state) and the
 * permit type's rules before a byte is stored, then stream the body to GridFS (a file part that precedes the form's
 * fields waits in a temporary file until they are checked); reads check visibility from the
 * document itself (an application's office and applicant never change) and answer 404 to anyone else.
 */
@Service
public class DocumentService {

    /** Enough for Tika's longest magic pattern; only this much is held to sniff the type. */
    private static final int SNIFF_BYTES = 64 * 1024;

    private final DocumentRepository documents;
    private final FileStore files;
    private final ApplicationDirectory applications;
    private final ApplicationServiceClient applicationService;
    private final OutboxRelay relay;
    private final DocumentProperties properties;
    private final Clock clock;

    DocumentService(DocumentRepository documents, FileStore files, ApplicationDirectory applications,
            ApplicationServiceClient applicationService, OutboxRelay relay, DocumentProperties properties,
            Clock clock) {
        this.documents = documents;
        this.files = files;
        this.applications = applications;
        this.applicationService = applicationService;
        this.relay = relay;
        this.properties = properties;
        this.clock = clock;
    }

    /** Who asks, with the token to forward to application-service. */
    public record Requester(Caller caller, String token) {
    }

    /** The checked target of an upload: where it goes and what it may be. */
    public record UploadTarget(ApplicationView application, RequirementRules rules, long maxBytes) {
    }

    /** Checks everything that does not need the bytes; call before reading the file part. */
    public UploadTarget prepareUpload(Requester requester, String applicationId, String requirementCode) {
        ApplicationView app = editableApplication(requester, applicationId);
        RequirementRules rules = applicationService.permitType(app.permitTypeCode(), requester.token())
                .flatMap(type -> type.requirement(requirementCode))
                .orElseThrow(() -> ApiException.unprocessable("unknown-requirement", "Permit type "
                        + app.permitTypeCode() + " has no document requirement " + requirementCode + ".",
                        List.of(new FieldError("requirementCode", "unknown for this permit type"))));
        long max = Math.min(rules.maxSizeBytes(), properties.maxUploadSize().toBytes());
        return new UploadTarget(app, rules, max);
    }

    /**
     * The upload a retry with the same {@code Idempotency-Key} refers to: same caller, same key, same document id.
     */
    public Optional<StoredDocument> earlierUpload(Requester requester, @Nullable String idempotencyKey) {
        if (idempotencyKey == null) {
            return Optional.empty();
        }
        return documents.findById(idempotentId(requester, idempotencyKey))
                .filter(d -> d.uploaderId().equals(requester.caller().subject()) && !d.isRemoved());
    }

    /** Streams the file to the store; nothing is kept if it is refused. */
    public StoredDocument upload(Requester requester, UploadTarget target, @Nullable String clientFilename,
            InputStream body) throws IOException {
        return upload(requester, target, clientFilename, body, null);
    }

    /**
     * As {@link #upload(Requester, UploadTarget, String, InputStream)}; with an idempotency key the document id
     * follows from caller and key, so two racing retries store one document.
     */
    public StoredDocument upload(Requester requester, UploadTarget target, @Nullable String clientFilename,
            InputStream body, @Nullable String idempotencyKey) throws IOException {
        return commit(requester, target, stage(clientFilename, body, target.maxBytes(), target.rules()),
                idempotencyKey);
    }

    /** Bytes stored in GridFS that no document refers to yet. */
    public record Staged(StoredFile file, String contentType, String filename) {
    }

    /**
     * Streams a file to GridFS before it becomes a document: under {@code maxBytes}, and of a type the rules
     * allow. Call only once the form's fields have been checked ({@link #prepareUpload}).
     */
    public Staged stage(@Nullable String clientFilename, InputStream body, long maxBytes, RequirementRules rules)
            throws IOException {
        BufferedInputStream in = new BufferedInputStream(body, SNIFF_BYTES);
        String type = sniff(in);
        checkType(rules, type);
        String filename = FileNames.sanitise(clientFilename, type);
        try {
            return new Staged(files.write(filename, type, in, maxBytes), type, filename);
        }
        catch (FileStore.TooLargeException e) {
            throw tooLarge(maxBytes);
        }
    }

    /**
     * A file part that came before the form's fields, held in a temporary file outside the store (never in GridFS,
     * never whole in memory) until the fields are checked; then {@link #commit(Requester, UploadTarget, Parked,
     * String)} stores it, or {@link #discard(Parked)} deletes it.
     */
    public record Parked(Path path, String contentType, String filename, long size) {
    }

    /** Streams a file part that precedes its fields to a temporary file, under the global limit. */
    public Parked park(@Nullable String clientFilename, InputStream body) throws IOException {
        BufferedInputStream in = new BufferedInputStream(body, SNIFF_BYTES);
        String type = sniff(in);
        long max = globalMaxBytes();
        Path path = Files.createTempFile("satupintu-upload-", ".part");
        boolean kept = false;
        try (OutputStream out = Files.newOutputStream(path)) {
            byte[] buffer = new byte[64 * 1024];
            long size = 0;
            for (int n; (n = in.read(buffer)) != -1;) {
                size += n;
                if (size > max) {
                    throw tooLarge(max);
                }
                out.write(buffer, 0, n);
            }
            kept = true;
            return new Parked(path, type, FileNames.sanitise(clientFilename, type), size);
        }
        finally {
            if (!kept) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** Stores a parked file as a document of the (now checked) target; the temporary file is deleted either way. */
    public StoredDocument commit(Requester requester, UploadTarget target, Parked parked,
            @Nullable String idempotencyKey) throws IOException {
        try {
            checkType(target.rules(), parked.contentType());
            if (parked.size() > target.maxBytes()) {
                throw tooLarge(target.maxBytes());
            }
            StoredFile file;
            try (InputStream in = Files.newInputStream(parked.path())) {
                file = files.write(parked.filename(), parked.contentType(), in, target.maxBytes());
            }
            return commit(requester, target, new Staged(file, parked.contentType(), parked.filename()),
                    idempotencyKey);
        }
        finally {
            discard(parked);
        }
    }

    /** Drops a parked file that will not become a document. */
    public void discard(Parked parked) throws IOException {
        Files.deleteIfExists(parked.path());
    }

    /** The type detected from the first bytes; the stream is left at its start. */
    private static String sniff(BufferedInputStream in) throws IOException {
        in.mark(1);
        if (in.read() == -1) {
            throw new ApiException(400, "empty-file", "The file is empty.");
        }
        in.reset();
        in.mark(SNIFF_BYTES);
        String type = ContentTypes.detect(in);
        in.reset();
        return type;
    }

    /** Makes staged bytes a document of the target, or removes them if the target refuses them. */
    public StoredDocument commit(Requester requester, UploadTarget target, Staged staged,
            @Nullable String idempotencyKey) {
        StoredFile file = staged.file();
        try {
            checkType(target.rules(), staged.contentType());
            if (file.size() > target.maxBytes()) {
                throw tooLarge(target.maxBytes());
            }
        }
        catch (ApiException e) {
            files.delete(file.fileId());
            throw e;
        }
        Caller caller = requester.caller();
        String id = idempotencyKey == null ? UUID.randomUUID().toString() : idempotentId(requester, idempotencyKey);
        StoredDocument doc = StoredDocument.uploaded(id, target.application().facts(), target.rules().code(), file,
                staged.filename(), staged.contentType(), caller.username(), caller.subject(), clock.instant());
        try {
            documents.insert(doc);
        }
        catch (DuplicateKeyException e) {
            files.delete(file.fileId());
            return earlierUpload(requester, idempotencyKey).orElseThrow(() -> e);
        }
        catch (RuntimeException e) {
            files.delete(file.fileId());
            throw e;
        }
        relay.wakeUp();
        return doc;
    }

    /** The global limit, the only one known before the form names its requirement. */
    public long globalMaxBytes() {
        return properties.maxUploadSize().toBytes();
    }

    private static void checkType(RequirementRules rules, String type) {
        if (!rules.allows(type)) {
            throw new ApiException(415, "unsupported-type",
                    "The file is " + type + "; requirement " + rules.code() + " accepts "
                            + String.join(", ", rules.contentTypes()) + ".",
                    Map.of("detectedType", type, "allowedTypes", rules.contentTypes()));
        }
    }

    private static String idempotentId(Requester requester, String key) {
        return UUID.nameUUIDFromBytes((requester.caller().subject() + "\n" + key)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
    }

    public static ApiException tooLarge(long maxBytes) {
        return new ApiException(413, "too-large",
                "The file is larger than the " + maxBytes + " bytes allowed here.", Map.of("maxSizeBytes", maxBytes));
    }

    public List<StoredDocument> list(Caller caller, String applicationId) {
        // An application the caller cannot see simply shows no documents: nothing about it leaks.
        return documents.ofApplication(applicationId).stream().filter(d -> visible(d, caller)).toList();
    }

    public StoredDocument get(Caller caller, String id) {
        StoredDocument doc = documents.findById(id).orElse(null);
        if (doc == null || doc.isRemoved() || !visible(doc, caller)) {
            throw ApiException.notFound("Document " + id);
        }
        return doc;
    }

    public InputStream content(StoredDocument doc, long offset) throws IOException {
        return files.read(doc.fileId(), offset);
    }

    public void delete(Requester requester, String id) {
        for (int attempt = 1;; attempt++) {
            StoredDocument doc = get(requester.caller(), id);
            ApplicationView app = editableApplication(requester, doc.applicationId());
            doc.remove(requester.caller().username(), app.state(), clock.instant());
            try {
                documents.save(doc);
                break;
            }
            catch (OptimisticLockingFailureException e) {
                if (attempt == 3) {
                    throw e;
                }
            }
        }
        StoredDocument removed = documents.findById(id).orElseThrow();
        files.delete(removed.fileId());
        relay.wakeUp();
    }

    private ApplicationView editableApplication(Requester requester, String applicationId) {
        Caller caller = requester.caller();
        ApplicationView app = applications.find(applicationId, requester.token())
                .filter(a -> a.visibleTo(caller))
                .orElseThrow(() -> ApiException.notFound("Application " + applicationId));
        if (!app.managedBy(caller)) {
            throw ApiException.forbidden("Only the applicant (or the office system) changes the documents.");
        }
        if (!app.editable()) {
            throw ApiException.conflict("not-editable", "Documents can be changed only while the application is "
                    + "a draft or a revision was requested; it is " + app.state() + ".");
        }
        return app;
    }

    static boolean visible(StoredDocument doc, Caller caller) {
        if (caller.hasRole(Role.ADMIN)) {
            return true;
        }
        if (caller.office() != null && caller.office().equals(doc.officeCode())
                && caller.hasAnyRole(Role.OFFICER, Role.SUPERVISOR, Role.INTEGRATION)) {
            return true;
        }
        return caller.hasRole(Role.APPLICANT) && doc.applicantId().equals(caller.subject());
    }
}
