/**
 * The refusals of the domain (catalog and workflow), free of HTTP: the web layer's problem handler maps each to
 * its status and problem code.
 */
@NullMarked
package org.satupintu.application.domain;

import org.jspecify.annotations.NullMarked;
