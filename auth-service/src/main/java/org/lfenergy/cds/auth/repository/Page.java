package org.lfenergy.cds.auth.repository;

import java.util.List;

/** One page of a listing, newest first; {@code hasMore} says whether a next page exists. */
public record Page<T>(List<T> items, int offset, int limit, boolean hasMore) {
}
