/** Shared Spring plumbing of the SatuPintu servlet services; no domain types, no business rules. */
@NullMarked
package org.satupintu.support;

import org.jspecify.annotations.NullMarked;
