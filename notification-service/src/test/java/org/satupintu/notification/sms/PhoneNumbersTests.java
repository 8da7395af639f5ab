package org.satupintu.notification.sms;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PhoneNumbersTests {

    @ParameterizedTest
    @CsvSource({
        "081234567890, +6281234567890",
        "0812-3456-7890, +6281234567890",
        "62812 3456 7890, +6281234567890",
        "+62 812 3456 7890, +6281234567890",
        "(0431) 862 123, +62431862123",
        "+61412345678, +61412345678"})
    void normalisesIndonesianWritingsToE164(String raw, String e164) {
        assertThat(PhoneNumbers.toE164(raw)).contains(e164);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "0812abc45678", "12345", "+0812345678", "0", "+62", "00812345678",
        "08123456789012345", "+1234"})
    void rejectsNonsense(String raw) {
        assertThat(PhoneNumbers.toE164(raw)).isEmpty();
    }
}
