package org.satupintu.document.upload;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits of the document store.
 *
 * @param maxUploadSize the global limit of one file, whatever a permit type allows
 */
@ConfigurationProperties("satupintu.documents")
public record DocumentProperties(@DefaultValue("100MB") DataSize maxUploadSize) {
}
