/** SMS through a pluggable HTTP provider; phone numbers in E.164. */
@NullMarked
package org.satupintu.notification.sms;

import org.jspecify.annotations.NullMarked;
