package org.satupintu.document.upload.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.fileupload2.core.FileItemInput;
import org.apache.commons.fileupload2.core.FileItemInputIterator;
import org.apache.commons.fileupload2.core.FileUploadException;
import org.apache.commons.fileupload2.jakarta.servlet6.JakartaServletFileUpload;
import org.jspecify.annotations.Nullable;
import org.satupintu.support.problem.ApiException;
import org.satupintu.support.problem.FieldError;
import org.satupintu.support.security.Caller;
import org.satupintu.support.security.Role;
import org.satupintu.document.storage.StoredDocument;
import org.satupintu.document.upload.DocumentProperties;
import org.satupintu.document.upload.DocumentService;
import org.satupintu.document.upload.FileNames;
import org.satupintu.document.upload.DocumentService.Requester;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Uploads and downloads. Spring's multipart resolver is off ({@code spring.servlet.multipart.enabled=false}): the
 * upload reads the multipart body as a stream (commons-fileupload2) so the file part flows straight into GridFS.
 * The form fields {@code applicationId} and {@code requirementCode} (or query parameters) are checked before a byte
 * is stored: when they come before {@code file}, the file flows straight into GridFS after the check; a file that
 * comes first waits in a temporary file (under the global limit, outside the store) and reaches GridFS only if the
 * fields that follow are accepted.
 */
@RestController
@RequestMapping("/api/documents")
class DocumentController {

    private static final int MAX_PARTS = 10;
    private static final int MAX_FIELD_CHARS = 200;
    /** Room for multipart boundaries and headers around the file. */
    private static final long MULTIPART_OVERHEAD = 64 * 1024;

    private final DocumentService service;
    private final DocumentProperties properties;

    DocumentController(DocumentService service, DocumentProperties properties) {
        this.service = service;
        this.properties = properties;
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<DocumentView> upload(@AuthenticationPrincipal Jwt jwt, HttpServletRequest request)
            throws IOException {
        long declared = request.getContentLengthLong();
        long globalMax = properties.maxUploadSize().toBytes();
        if (declared > globalMax + MULTIPART_OVERHEAD) {
            // Refused before reading: no point in receiving what cannot be kept.
            throw DocumentService.tooLarge(globalMax);
        }
        Requester requester = new Requester(Caller.of(jwt), jwt.getTokenValue());
        String idempotencyKey = request.getHeader("Idempotency-Key");
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 200)) {
            throw invalid("Idempotency-Key must be 1 to 200 characters.", "Idempotency-Key");
        }
        StoredDocument earlier = service.earlierUpload(requester, idempotencyKey).orElse(null);
        if (earlier != null) {
            // A retry of an upload that succeeded: read the body away so the client sees the answer, keep nothing.
            request.getInputStream().transferTo(OutputStream.nullOutputStream());
            return ResponseEntity.created(URI.create("/api/documents/" + earlier.id())).eTag(etag(earlier))
                    .body(DocumentView.of(earlier));
        }
        String applicationId = request.getParameter("applicationId");
        String requirementCode = request.getParameter("requirementCode");
        StoredDocument stored = null;
        DocumentService.Parked early = null;
        try {
            FileItemInputIterator items = new JakartaServletFileUpload<>().getItemIterator(request);
            int parts = 0;
            while (stored == null && items.hasNext()) {
                FileItemInput item = items.next();
                if (++parts > MAX_PARTS) {
                    throw invalid("Too many parts in the form.", "file");
                }
                if (item.isFormField()) {
                    String value = readField(item);
                    switch (String.valueOf(item.getFieldName())) {
                        case "applicationId" -> applicationId = value;
                        case "requirementCode" -> requirementCode = value;
                        default -> {
                            // Unknown fields are ignored, as consumers ignore unknown JSON fields.
                        }
                    }
                }
                else if ("file".equals(item.getFieldName()) && early == null) {
                    try (InputStream in = item.getInputStream()) {
                        if (applicationId != null && requirementCode != null) {
                            checkIds(applicationId, requirementCode);
                            DocumentService.UploadTarget target = service.prepareUpload(requester, applicationId,
                                    requirementCode);
                            stored = service.upload(requester, target, clientFilename(item), in, idempotencyKey);
                        }
                        else {
                            // The file came before the fields: park it outside the store, decide at the end.
                            early = service.park(clientFilename(item), in);
                        }
                    }
                }
            }
            if (early != null) {
                checkIds(applicationId, requirementCode);
                DocumentService.UploadTarget target = service.prepareUpload(requester, applicationId,
                        requirementCode);
                DocumentService.Parked parked = early;
                early = null;
                stored = service.commit(requester, target, parked, idempotencyKey);
            }
        }
        catch (FileUploadException e) {
            throw invalid("The multipart body is malformed: " + e.getMessage(), "file");
        }
        finally {
            if (early != null) {
                service.discard(early);
            }
        }
        if (stored == null) {
            checkIds(applicationId, requirementCode);
            throw invalid("The form has no file part named 'file'.", "file");
        }
        return ResponseEntity.created(URI.create("/api/documents/" + stored.id())).eTag(etag(stored))
                .body(DocumentView.of(stored));
    }

    @GetMapping
    List<DocumentView> list(@AuthenticationPrincipal Jwt jwt, @RequestParam String applicationId) {
        return service.list(Caller.of(jwt), applicationId).stream().map(DocumentView::of).toList();
    }

    @GetMapping("/{id}")
    ResponseEntity<DocumentView> get(@AuthenticationPrincipal Jwt jwt, @PathVariable String id) {
        StoredDocument doc = service.get(Caller.of(jwt), id);
        return ResponseEntity.ok().eTag(etag(doc)).body(DocumentView.of(doc));
    }

    /** The bytes; {@code Range} lets slow mobile links resume, {@code If-None-Match} spares a second download. */
    @GetMapping("/{id}/content")
    void content(@AuthenticationPrincipal Jwt jwt, @PathVariable String id, HttpServletRequest request,
            HttpServletResponse response) throws IOException {
        StoredDocument doc = service.get(Caller.of(jwt), id);
        String etag = etag(doc);
        response.setHeader(HttpHeaders.ETAG, etag);
        response.setHeader(HttpHeaders.ACCEPT_RANGES, "bytes");
        response.setHeader(HttpHeaders.CACHE_CONTROL, "private, max-age=0, must-revalidate");
        String ifNoneMatch = request.getHeader(HttpHeaders.IF_NONE_MATCH);
        if (ifNoneMatch != null && (ifNoneMatch.contains(etag) || ifNoneMatch.trim().equals("*"))) {
            response.setStatus(HttpStatus.NOT_MODIFIED.value());
            return;
        }
        String ifRange = request.getHeader(HttpHeaders.IF_RANGE);
        ByteRange range;
        try {
            range = ifRange != null && !ifRange.contains(etag) ? null
                    : ByteRange.parse(request.getHeader(HttpHeaders.RANGE), doc.size());
        }
        catch (ByteRange.Unsatisfiable e) {
            response.setHeader(HttpHeaders.CONTENT_RANGE, "bytes */" + doc.size());
            throw new ApiException(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE.value(), "range-not-satisfiable",
                    "The range lies past the end of the " + doc.size() + "-byte file.");
        }
        response.setContentType(doc.contentType());
        // The bytes are a client's: never run them in our origin, never let a browser guess another type.
        response.setHeader("Content-Security-Policy", "sandbox");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                .filename(FileNames.forDownload(doc.filename(), doc.contentType()), StandardCharsets.UTF_8).build()
                .toString());
        long start = range == null ? 0 : range.start();
        long length = range == null ? doc.size() : range.length();
        if (range != null) {
            response.setStatus(HttpStatus.PARTIAL_CONTENT.value());
            response.setHeader(HttpHeaders.CONTENT_RANGE,
                    "bytes " + range.start() + "-" + range.end() + "/" + doc.size());
        }
        response.setContentLengthLong(length);
        try (InputStream in = service.content(doc, start)) {
            OutputStream out = response.getOutputStream();
            byte[] buffer = new byte[64 * 1024];
            long left = length;
            while (left > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    break;
                }
                out.write(buffer, 0, n);
                left -= n;
            }
        }
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@AuthenticationPrincipal Jwt jwt, @PathVariable String id) {
        service.delete(new Requester(Caller.of(jwt), jwt.getTokenValue()), id);
        return ResponseEntity.noContent().build();
    }

    private static String etag(StoredDocument doc) {
        return "\"" + doc.sha256() + "\"";
    }

    private static void checkIds(@Nullable String applicationId, @Nullable String requirementCode) {
        List<FieldError> errors = new ArrayList<>();
        if (applicationId == null || !applicationId.matches("[A-Za-z0-9._:-]{1,100}")) {
            errors.add(new FieldError("applicationId", "must be given before the file, as an application id"));
        }
        if (requirementCode == null || !requirementCode.matches("[A-Z][A-Z0-9_]{0,63}")) {
            errors.add(new FieldError("requirementCode", "must be given before the file, as a requirement code"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid("The upload form is incomplete.", errors);
        }
    }

    private static ApiException invalid(String detail, String field) {
        return ApiException.invalid(detail, List.of(new FieldError(field, detail)));
    }

    /**
     * The client's file name, for {@link org.satupintu.document.upload.FileNames#sanitise} to make safe.
     * commons-fileupload refuses a name with a NUL byte by throwing; the raw name is kept instead, and sanitising
     * drops the NUL like every other control character.
     */
    private static @Nullable String clientFilename(FileItemInput item) {
        try {
            return item.getName();
        }
        catch (InvalidPathException e) {
            return e.getInput();
        }
    }

    private static String readField(FileItemInput item) throws IOException {
        try (InputStream in = item.getInputStream()) {
            byte[] bytes = in.readNBytes(MAX_FIELD_CHARS * 4 + 1);
            if (bytes.length > MAX_FIELD_CHARS * 4) {
                throw invalid("Form field " + item.getFieldName() + " is too long.", String.valueOf(
                        item.getFieldName()));
            }
            return new String(bytes, StandardCharsets.UTF_8).trim();
        }
    }
}
