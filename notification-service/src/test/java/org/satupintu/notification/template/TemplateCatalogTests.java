package org.satupintu.notification.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.satupintu.notification.delivery.Channel;

class TemplateCatalogTests {

    @Test
    void rendersPlaceholdersInTheRecipientsLanguage() {
        TemplateCatalog catalog = TemplateCatalog.fromClasspath("templates");
        Map<String, @Nullable String> values = new HashMap<>();
        values.put("registrationNumber", "REG-SULUT-MANADO-2026-000123");
        values.put("comment", "Foto KTP buram");
        values.put("link", "http://localhost:8080/applications/a1");
        RenderedMessage id = catalog.render(new TemplateKey("revision-requested", "applicant", Channel.EMAIL,
                Language.ID), values);
        assertThat(id.title()).isEqualTo("[SatuPintu] Perbaikan diperlukan untuk REG-SULUT-MANADO-2026-000123");
        assertThat(id.body()).contains("Alasan: Foto KTP buram", "http://localhost:8080/applications/a1")
                .doesNotContain("{");
        RenderedMessage en = catalog.render(new TemplateKey("revision-requested", "applicant", Channel.EMAIL,
                Language.EN), values);
        assertThat(en.title()).isEqualTo("[SatuPintu] Changes needed for REG-SULUT-MANADO-2026-000123");
    }

    @Test
    void missingValuesBecomeADash() {
        assertThat(TemplateCatalog.fill("Izin {permitNumber}", Map.of())).isEqualTo("Izin -");
    }

    @Test
    void aMissingTemplateIsAnErrorUpFront() {
        Properties id = new Properties();
        id.setProperty("issued.applicant.inbox.title", "Izin terbit");
        id.setProperty("issued.applicant.inbox.body", "Izin {permitNumber} terbit");
        TemplateCatalog catalog = TemplateCatalog.of(Map.of(Language.ID, id, Language.EN, new Properties()));
        assertThatThrownBy(() -> catalog.requireAll(Set.of(
                new TemplateKey("issued", "applicant", Channel.INBOX, Language.ID),
                new TemplateKey("issued", "applicant", Channel.INBOX, Language.EN))))
                .isInstanceOf(MissingTemplateException.class)
                .hasMessageContaining("missing en:issued.applicant.inbox")
                .hasMessageNotContaining("id:issued");
    }

    @Test
    void anUnknownPlaceholderIsAnErrorUpFront() {
        Properties id = new Properties();
        id.setProperty("issued.applicant.sms.body", "Izin {permitNumbr} terbit");
        assertThatThrownBy(() -> TemplateCatalog.of(Map.of(Language.ID, id)))
                .isInstanceOf(MissingTemplateException.class).hasMessageContaining("{permitNumbr}");
    }

    @Test
    void localeFallsBackToBahasaIndonesia() {
        assertThat(Language.of(null)).isEqualTo(Language.ID);
        assertThat(Language.of("id-ID")).isEqualTo(Language.ID);
        assertThat(Language.of("fr")).isEqualTo(Language.ID);
        assertThat(Language.of("en-GB")).isEqualTo(Language.EN);
    }
}
