/** HTTP API of applications and the review workflow. */
@NullMarked
package org.satupintu.application.review.web;

import org.jspecify.annotations.NullMarked;
