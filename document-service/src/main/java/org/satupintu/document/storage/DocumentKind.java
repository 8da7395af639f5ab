package org.satupintu.document.storage;

/**
 * What a stored document is: an applicant's upload for a requirement, the issued permit's certificate, the levy
 * assessment letter (SKRD) billed on approval, or the receipt of the levy's payment.
 */
public enum DocumentKind {
    UPLOAD, CERTIFICATE, LEVY_ASSESSMENT, RECEIPT
}
