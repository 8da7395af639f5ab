package org.satupintu.support.web;

import java.util.Set;

/**
 * What a service's paged lists accept: the fields a client may sort by, and the largest page. A service declares
 * one bean of this type; without one, no field is sortable and pages hold at most 100.
 */
public record PagingPolicy(Set<String> sortable, int maxSize) {

    public PagingPolicy {
        sortable = Set.copyOf(sortable);
        if (maxSize < 1) {
            throw new IllegalArgumentException("maxSize must be at least 1");
        }
    }
}
