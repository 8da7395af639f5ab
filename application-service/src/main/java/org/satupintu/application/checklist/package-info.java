/** The document checklist of applications, fed by document-service's events. */
@NullMarked
package org.satupintu.application.checklist;

import org.jspecify.annotations.NullMarked;
