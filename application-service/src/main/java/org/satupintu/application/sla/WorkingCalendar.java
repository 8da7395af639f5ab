package org.satupintu.application.sla;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.Set;

import org.springframework.core.io.ClassPathResource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Working days of a regional office: Monday to Friday in the office's time zone, minus national holidays and
 * joint leave days ({@code calendar/holidays-id.json}, plus any configured extra dates).
 */
public final class WorkingCalendar {

    private final ZoneId zone;
    private final Set<LocalDate> holidays;

    public WorkingCalendar(ZoneId zone, Set<LocalDate> holidays) {
        this.zone = zone;
        this.holidays = Set.copyOf(holidays);
    }

    /** The shipped national calendar plus extra local holidays. */
    public static WorkingCalendar load(ZoneId zone, Set<LocalDate> extraHolidays) {
        Set<LocalDate> days = new HashSet<>(extraHolidays);
        try (InputStream in = new ClassPathResource("calendar/holidays-id.json").getInputStream()) {
            JsonNode root = JsonMapper.builder().build().readTree(in);
            for (JsonNode day : root.path("days")) {
                days.add(LocalDate.parse(day.path("date").asString()));
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException("The holiday calendar is unreadable", e);
        }
        return new WorkingCalendar(zone, days);
    }

    public ZoneId zone() {
        return zone;
    }

    public boolean isWorkingDay(LocalDate date) {
        DayOfWeek day = date.getDayOfWeek();
        return day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY && !holidays.contains(date);
    }

    /** The end (23:59:59 local) of the {@code workingDays}-th working day after the day of {@code start}. */
    public Instant dueAt(Instant start, int workingDays) {
        LocalDate date = start.atZone(zone).toLocalDate();
        int counted = 0;
        while (counted < workingDays) {
            date = date.plusDays(1);
            if (isWorkingDay(date)) {
                counted++;
            }
        }
        return date.plusDays(1).atStartOfDay(zone).toInstant().minusSeconds(1);
    }

    /** Working days after the day of {@code from} up to and including the day of {@code to}; 0 if none. */
    public int workingDaysBetween(Instant from, Instant to) {
        LocalDate date = from.atZone(zone).toLocalDate();
        LocalDate end = to.atZone(zone).toLocalDate();
        int count = 0;
        while (date.isBefore(end)) {
            date = date.plusDays(1);
            if (isWorkingDay(date)) {
                count++;
            }
        }
        return count;
    }

    public int yearOf(Instant instant) {
        return instant.atZone(zone).getYear();
    }
}
