package org.satupintu.document.storage;

/** What a stored document is: an applicant's upload for a requirement, or the issued permit's certificate. */
public enum DocumentKind {
    UPLOAD, CERTIFICATE
}
