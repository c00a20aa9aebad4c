package org.lfenergy.cds.usage.service;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/**
 * One page cut from a keyset query that fetched {@code limit + 1} rows: the rows in API order and the cursors of
 * the neighbouring pages (null at either end).
 */
public record Page<T>(List<T> items, PageCursor next, PageCursor previous) {

    /**
     * @param fetched rows as returned by the query (reversed order for a backward page), at most limit + 1
     * @param cursor  the request's cursor, null for the first page
     * @param key     the sort-key values of a row
     */
    public static <T> Page<T> of(List<T> fetched, int limit, PageCursor cursor, Function<T, List<String>> key) {
        boolean backward = cursor != null && cursor.backward();
        boolean more = fetched.size() > limit;
        List<T> items = new ArrayList<>(more ? fetched.subList(0, limit) : fetched);
        if (backward) {
            Collections.reverse(items);
        }
        if (items.isEmpty()) {
            return new Page<>(items, null, null);
        }
        boolean hasNext = backward || more;
        boolean hasPrevious = backward ? more : cursor != null;
        PageCursor next = hasNext ? new PageCursor(false, key.apply(items.get(items.size() - 1))) : null;
        PageCursor previous = hasPrevious ? new PageCursor(true, key.apply(items.get(0))) : null;
        return new Page<>(items, next, previous);
    }
}
