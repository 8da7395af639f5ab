package org.satupintu.application.sla;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param zone the offices' time zone (North Sulawesi is WITA, Asia/Makassar)
 * @param extraHolidays regional holidays on top of the shipped national calendar
 */
@ConfigurationProperties("satupintu.sla")
public record SlaProperties(@DefaultValue("Asia/Makassar") ZoneId zone,
        @DefaultValue List<LocalDate> extraHolidays) {
}
