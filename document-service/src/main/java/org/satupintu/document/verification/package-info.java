/** Public verification of issued permits: anyone holding a certificate (or its QR code) can check it. */
@NullMarked
package org.satupintu.document.verification;

import org.jspecify.annotations.NullMarked;
