/** The permit-type catalog: forms, document requirements, SLA and fees, editable by admins. */
@NullMarked
package org.satupintu.application.catalog;

import org.jspecify.annotations.NullMarked;
