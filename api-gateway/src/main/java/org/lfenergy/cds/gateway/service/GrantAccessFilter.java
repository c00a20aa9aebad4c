package org.lfenergy.cds.gateway.service;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import org.lfenergy.cds.contracts.access.AccessFilter;
import org.lfenergy.cds.contracts.grant.Coverage;
import org.lfenergy.cds.contracts.grant.DateWindows;
import org.lfenergy.cds.contracts.grant.GrantEvent;
import org.lfenergy.cds.contracts.grant.IdSelection;
import org.lfenergy.cds.contracts.grant.IncludeField;
import org.lfenergy.cds.contracts.grant.ScopeGrant;

/**
 * Builds the {@link AccessFilter} of one request from the grant scopes it may use, about the data of the deployment's
 * GridX client (carried in every filter, so source numbers and {@code all} never reach another client's objects) and
 * with the grant's creation time (for include-future selections). One scope gives exactly that
 * scope's coverage, include fields, formats and windows. Several scopes (a consent grant with e.g. {@code cds_accounts}
 * and {@code cds_usage}) are combined as the union of what each allows:
 * <ul>
 *   <li>coverage: per object kind, {@code all}/{@code include_future} if any scope has it, ids and numbers united;
 *       scopes whose customer differs from the first scope's are left out (a grant is for one customer; fail closed);
 *   <li>include fields: united;
 *   <li>usage-segment formats: from scopes with {@code include_usage_segment_value_types}; an empty list (no
 *       restriction recorded) wins, else the chosen formats are united; none → null (segments without values);
 *   <li>windows: each window field is taken only from the scopes that expose the objects it limits (statement dates
 *       from bill-statement scopes, start/end dates from bill-section scopes, segment times from usage scopes,
 *       {@code sync_until} from all) and the widest wins; null (infinite) is widest.
 * </ul>
 */
public final class GrantAccessFilter {

    private GrantAccessFilter() {
    }

    /** Scopes of the grant this token may use: enabled, and (when {@code tokenScopes} is given) named in the token. */
    public static List<ScopeGrant> usableScopes(GrantEvent grant, Set<String> tokenScopes) {
        List<ScopeGrant> out = new ArrayList<>();
        for (ScopeGrant s : grant.scopes()) {
            if (s.enabled() && (tokenScopes == null || tokenScopes.contains(s.scope()))) {
                out.add(s);
            }
        }
        return out;
    }

    /** The include fields true in any of {@code scopes}. */
    public static Set<IncludeField> includes(List<ScopeGrant> scopes) {
        Set<IncludeField> include = EnumSet.noneOf(IncludeField.class);
        scopes.forEach(s -> include.addAll(s.include()));
        include.remove(IncludeField.UNKNOWN);
        return include;
    }

    /**
     * The filter for these (non-empty) usable scopes of {@code grant} over the objects of GridX client
     * {@code gridxClient}, valid from {@code now} for {@code ttl}.
     */
    public static AccessFilter build(GrantEvent grant, List<ScopeGrant> scopes, String gridxClient, Instant now,
                                     Duration ttl) {
        if (scopes.isEmpty()) {
            throw new IllegalArgumentException("no scopes");
        }
        if (scopes.size() == 1) {
            return AccessFilter.forScope(grant, scopes.get(0), gridxClient, now, ttl);
        }
        String customer = scopes.get(0).coverage().customerId();
        List<ScopeGrant> same = scopes.stream().filter(s -> Objects.equals(customer, s.coverage().customerId())).toList();
        Set<IncludeField> include = includes(same);
        return new AccessFilter(grant.grantId(), grant.clientId(), gridxClient,
                same.stream().map(ScopeGrant::scope).toList(), coverage(customer, same), include, formats(same),
                windows(same), AccessFilter.createdOf(grant), now, now.plus(ttl));
    }

    private static Coverage coverage(String customer, List<ScopeGrant> scopes) {
        return new Coverage(customer,
                union(scopes, Coverage::accounts), union(scopes, Coverage::serviceContracts),
                union(scopes, Coverage::servicePoints), union(scopes, Coverage::meterDevices),
                union(scopes, Coverage::aggregations));
    }

    private static IdSelection union(List<ScopeGrant> scopes, Function<Coverage, IdSelection> kind) {
        boolean all = false;
        boolean future = false;
        Set<String> ids = new LinkedHashSet<>();
        Set<String> numbers = new LinkedHashSet<>();
        for (ScopeGrant s : scopes) {
            IdSelection sel = kind.apply(s.coverage());
            all |= sel.all();
            future |= sel.includeFuture();
            ids.addAll(sel.ids());
            numbers.addAll(sel.numbers());
        }
        return new IdSelection(all, future, List.copyOf(ids), List.copyOf(numbers));
    }

    private static List<String> formats(List<ScopeGrant> scopes) {
        Set<String> formats = null;
        for (ScopeGrant s : scopes) {
            List<String> f = s.usageSegmentFormats();
            if (f == null || !s.include().contains(IncludeField.USAGE_SEGMENT_VALUE_TYPES)) {
                continue;
            }
            if (f.isEmpty()) {
                return List.of();
            }
            if (formats == null) {
                formats = new LinkedHashSet<>();
            }
            formats.addAll(f);
        }
        return formats == null ? null : List.copyOf(formats);
    }

    private static DateWindows windows(List<ScopeGrant> scopes) {
        List<DateWindows> all = scopes.stream().map(ScopeGrant::windows).toList();
        List<DateWindows> statements = windowsOf(scopes, s -> s.include().contains(IncludeField.BILL_STATEMENTS));
        List<DateWindows> sections = windowsOf(scopes, s -> s.include().contains(IncludeField.BILL_SECTIONS));
        List<DateWindows> segments = windowsOf(scopes, s -> s.include().contains(IncludeField.USAGE_SEGMENTS));
        return new DateWindows(
                latest(all, DateWindows::syncUntil, OffsetDateTime::compareTo),
                earliest(statements, DateWindows::statementDateStart, LocalDate::compareTo),
                latest(statements, DateWindows::statementDateEnd, LocalDate::compareTo),
                earliest(sections, DateWindows::startDate, LocalDate::compareTo),
                latest(sections, DateWindows::endDate, LocalDate::compareTo),
                earliest(segments, DateWindows::segmentStart, OffsetDateTime::compareTo),
                latest(segments, DateWindows::segmentEnd, OffsetDateTime::compareTo));
    }

    private static List<DateWindows> windowsOf(List<ScopeGrant> scopes, Predicate<ScopeGrant> exposes) {
        return scopes.stream().filter(exposes).map(ScopeGrant::windows).toList();
    }

    /** The earliest start; null (unbounded) if any is null or none applies. */
    private static <T> T earliest(List<DateWindows> windows, Function<DateWindows, T> field, Comparator<T> order) {
        return widest(windows, field, order.reversed());
    }

    /** The latest end; null (unbounded) if any is null or none applies. */
    private static <T> T latest(List<DateWindows> windows, Function<DateWindows, T> field, Comparator<T> order) {
        return widest(windows, field, order);
    }

    private static <T> T widest(List<DateWindows> windows, Function<DateWindows, T> field, Comparator<T> wider) {
        T best = null;
        for (DateWindows w : windows) {
            T value = field.apply(w);
            if (value == null) {
                return null;
            }
            if (best == null || wider.compare(value, best) > 0) {
                best = value;
            }
        }
        return best;
    }
}
