package org.lfenergy.cds.auth.support;

import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.client.ClientInformation;
import com.nimbusds.oauth2.sdk.client.ClientMetadata;
import com.nimbusds.oauth2.sdk.client.ClientRegistrationRequest;
import com.nimbusds.oauth2.sdk.client.ClientRegistrationResponse;
import com.nimbusds.oauth2.sdk.client.ClientInformationResponse;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import java.io.IOException;
import java.net.URI;
import java.util.UUID;

/** Registers CDS clients through the Nimbus OAuth 2.0 SDK (a standard client library, not our code). */
public final class CdsTestClient {

    private CdsTestClient() {
    }

    /** Registers a client with these scopes and a unique name; returns the admin Client Object's id and secret. */
    public static ClientInformation register(URI baseUri, String scopes) {
        ClientMetadata metadata = new ClientMetadata();
        metadata.setScope(Scope.parse(scopes));
        metadata.setName("test-" + UUID.randomUUID());
        try {
            HTTPResponse response = new ClientRegistrationRequest(baseUri.resolve("/oauth/register"), metadata, null)
                    .toHTTPRequest().send();
            ClientRegistrationResponse parsed = ClientRegistrationResponse.parse(response);
            if (!parsed.indicatesSuccess()) {
                throw new AssertionError("registration failed: " + response.getStatusCode() + " " + response.getBody());
            }
            return ((ClientInformationResponse) parsed).getClientInformation();
        } catch (IOException | ParseException e) {
            throw new AssertionError(e);
        }
    }
}
