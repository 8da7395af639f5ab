/** Email to applicants over SMTP. */
@NullMarked
package org.satupintu.notification.email;

import org.jspecify.annotations.NullMarked;
