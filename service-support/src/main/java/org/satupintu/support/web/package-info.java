/** The web edge: body-size limits, strict paging parameters, entity tags. */
@NullMarked
package org.satupintu.support.web;

import org.jspecify.annotations.NullMarked;
