package org.lfenergy.cds.contracts.grant;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;

/**
 * Which objects of one kind (accounts, service contracts, …) a grant selects directly.
 *
 * <p>An object is selected when {@code all} is true, or its CDS id is in {@code ids}, or its source number is in
 * {@code numbers}. Objects of other kinds become visible through the CDS inclusion rules (§7.2), which the domain
 * services apply. Empty means nothing is selected at this level (fail closed), never "everything".
 *
 * @param all           every object of this kind within the coverage's customer, or within the whole utility when
 *                      the coverage has no customer (direct-access scopes without preselection)
 * @param includeFuture objects of the customer created after the grant are selected too (CDS "include future")
 * @param ids           selected objects by CDS id (see {@code CdsIds})
 * @param numbers       selected objects by source number (direct-access preselection such as
 *                      {@code account_numbers}); matched against account_number, contract_number, …
 */
public record IdSelection(boolean all, boolean includeFuture, List<String> ids, List<String> numbers) {

    /** Nothing selected. */
    public static final IdSelection NONE = new IdSelection(false, false, List.of(), List.of());
    /** Everything selected. */
    public static final IdSelection ALL = new IdSelection(true, false, List.of(), List.of());

    public IdSelection {
        ids = ids == null ? List.of() : List.copyOf(ids);
        numbers = numbers == null ? List.of() : List.copyOf(numbers);
    }

    /** Selection of these CDS ids only. */
    public static IdSelection ofIds(List<String> ids) {
        return new IdSelection(false, false, ids, List.of());
    }

    /** Selection by source numbers only. */
    public static IdSelection ofNumbers(List<String> numbers) {
        return new IdSelection(false, false, List.of(), numbers);
    }

    /** True when this selects nothing at all. */
    @JsonIgnore
    public boolean isEmpty() {
        return !all && !includeFuture && ids.isEmpty() && numbers.isEmpty();
    }
}
