/** Registration and permit numbers. */
@NullMarked
package org.satupintu.application.numbering;

import org.jspecify.annotations.NullMarked;
