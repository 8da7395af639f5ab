/** HTTP API of applications and the review workflow. */
@NullMarked
package org.satupintu.application.workflow.web;

import org.jspecify.annotations.NullMarked;
