package org.lfenergy.cds.gridx.generator.model;

import java.time.LocalDate;
import java.util.List;

/** An allocation arrangement between contracts, e.g. community solar; open-ended. */
public record Network(String type, String networkId, LocalDate start, List<NetworkMember> members) {

    /** The generating member. */
    public NetworkMember host() {
        return members.stream().filter(m -> m.role() == MemberRole.HOST).findFirst().orElseThrow();
    }
}
