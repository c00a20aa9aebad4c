package org.lfenergy.cds.auth.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.lfenergy.cds.auth.service.CdsUrls;
import org.lfenergy.cds.auth.service.scope.ScopeCatalog;

/** Makes the scope catalogue (read once from {@code cds/scopes.json}) injectable. */
@ApplicationScoped
public class CatalogProducer {

    @Produces
    @ApplicationScoped
    ScopeCatalog scopeCatalog(ObjectMapper mapper, CdsUrls urls) {
        return ScopeCatalog.load(mapper, urls.base());
    }
}
