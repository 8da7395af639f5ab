/** Uploads and downloads of application documents: streaming, type sniffing, limits, visibility. */
@NullMarked
package org.satupintu.document.upload;

import org.jspecify.annotations.NullMarked;
