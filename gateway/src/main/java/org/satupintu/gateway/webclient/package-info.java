/** The reference web client (module {@code web}) served at {@code /}: its pages, its settings and its headers. */
@NullMarked
package org.satupintu.gateway.webclient;

import org.jspecify.annotations.NullMarked;
