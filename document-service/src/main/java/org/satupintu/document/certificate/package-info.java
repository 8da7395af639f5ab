/** The permit certificate: a bilingual PDF with a QR code to the public verification, signed, made once per permit. */
@NullMarked
package org.satupintu.document.certificate;

import org.jspecify.annotations.NullMarked;
