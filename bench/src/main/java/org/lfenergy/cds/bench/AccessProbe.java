package org.lfenergy.cds.bench;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.List;

/**
 * Prints, for one direct-access scope, a gateway token and the access filter for a direct call, so a single request
 * can be replayed with curl when a measurement looks wrong. Usage: AccessProbe GATEWAY FILTER_KEY_FILE BOOTSTRAP SCOPE
 */
public final class AccessProbe {

    private AccessProbe() {
    }

    public static void main(String[] args) throws Exception {
        CdsAccess access = new CdsAccess(HttpClient.newHttpClient(), args[0], List.of(args[3]), Path.of(args[1]), args[2]);
        System.out.println("TOKEN=" + access.token(args[3]));
        System.out.println("FILTER=" + access.accessFilter(args[3]));
    }
}
