/** HTTP edge of uploads and downloads. */
@NullMarked
package org.satupintu.document.upload.web;

import org.jspecify.annotations.NullMarked;
