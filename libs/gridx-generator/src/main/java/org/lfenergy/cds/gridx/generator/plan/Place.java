package org.lfenergy.cds.gridx.generator.plan;

/** A town the generated premises are in, with a centre to scatter coordinates around. */
record Place(String city, String state, String zip, double latitude, double longitude) {

    /** Northern and central California towns (the default zone is America/Los_Angeles). */
    static final Place[] TOWNS = {
        new Place("San Jose", "CA", "95126", 37.3327, -121.9135),
        new Place("Oakland", "CA", "94610", 37.8120, -122.2430),
        new Place("Fresno", "CA", "93704", 36.8010, -119.8020),
        new Place("Santa Rosa", "CA", "95404", 38.4600, -122.6900),
        new Place("Bakersfield", "CA", "93307", 35.3200, -118.9800),
        new Place("Stockton", "CA", "95203", 37.9530, -121.3170),
        new Place("Salinas", "CA", "93901", 36.6700, -121.6500),
        new Place("San Luis Obispo", "CA", "93401", 35.2700, -120.6600),
        new Place("Chico", "CA", "95926", 39.7400, -121.8400),
        new Place("Modesto", "CA", "95350", 37.6600, -121.0000),
    };
}
