/** RFC 9457 problem JSON: the shared problem codes, the web-edge exception and the base controller advice. */
@NullMarked
package org.satupintu.support.problem;

import org.jspecify.annotations.NullMarked;
