package org.satupintu.application.sla;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Set;

import org.junit.jupiter.api.Test;

class WorkingCalendarTests {

    static final ZoneId WITA = ZoneId.of("Asia/Makassar");

    @Test
    void skipsWeekendsAndShippedNationalHolidays() {
        WorkingCalendar calendar = WorkingCalendar.load(WITA, Set.of());
        assertThat(calendar.isWorkingDay(LocalDate.parse("2026-08-17"))).as("Independence Day").isFalse();
        assertThat(calendar.isWorkingDay(LocalDate.parse("2026-12-25"))).as("Christmas").isFalse();
        assertThat(calendar.isWorkingDay(LocalDate.parse("2027-01-01"))).as("New Year 2027").isFalse();
        assertThat(calendar.isWorkingDay(LocalDate.parse("2026-11-28"))).as("Saturday").isFalse();
        assertThat(calendar.isWorkingDay(LocalDate.parse("2026-11-30"))).as("Monday").isTrue();
    }

    @Test
    void dueDateCountsWorkingDaysAfterTheDayOfSubmission() {
        WorkingCalendar calendar = WorkingCalendar.load(WITA, Set.of());
        // Friday 14 Aug 2026 + 2 working days: Mon 17 Aug is Independence Day -> Tue 18, Wed 19.
        Instant friday = LocalDate.parse("2026-08-14").atTime(10, 0).atZone(WITA).toInstant();
        assertThat(calendar.dueAt(friday, 2).atZone(WITA).toLocalDate()).isEqualTo(LocalDate.parse("2026-08-19"));
        // Submitted late on Friday evening in WITA, which is still Friday: same result.
        Instant lateFriday = LocalDate.parse("2026-08-14").atTime(23, 30).atZone(WITA).toInstant();
        assertThat(calendar.dueAt(lateFriday, 2)).isEqualTo(calendar.dueAt(friday, 2));
    }

    @Test
    void extraRegionalHolidaysCount() {
        WorkingCalendar calendar = WorkingCalendar.load(WITA, Set.of(LocalDate.parse("2026-12-01")));
        Instant monday = LocalDate.parse("2026-11-30").atTime(9, 0).atZone(WITA).toInstant();
        assertThat(calendar.dueAt(monday, 1).atZone(WITA).toLocalDate()).isEqualTo(LocalDate.parse("2026-12-02"));
        assertThat(calendar.workingDaysBetween(monday, calendar.dueAt(monday, 3))).isEqualTo(3);
    }
}
