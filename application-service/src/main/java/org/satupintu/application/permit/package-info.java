/** The permit-type catalog: forms, document requirements, SLA and fees, editable by admins. */
@NullMarked
package org.satupintu.application.permit;

import org.jspecify.annotations.NullMarked;
