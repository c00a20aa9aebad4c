package org.lfenergy.cds.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.ConfigProvider;

/** What the generated-data-set tests share around their data: the service's topics and the scratch directory. */
public final class TestDirectories {

    private TestDirectories() {
    }

    /** Deletes a directory and everything below it; nothing happens when {@code dir} is null or already gone. */
    public static void deleteTree(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(dir)) {
            paths = walk.sorted(Comparator.reverseOrder()).toList();
        }
        for (Path p : paths) {
            Files.deleteIfExists(p);
        }
    }

    /**
     * Topics a service consumes outside its messaging channels (plain Kafka consumers, e.g. usage-service's INTERVAL
     * consumers), listed in its test profile so that {@link #consumedTopics()} includes them.
     */
    public static final String OTHER_CONSUMED_TOPICS = "cds.test.other-consumed-topics";

    /**
     * The Kafka topics the running {@code @QuarkusTest} application consumes: every
     * {@code mp.messaging.incoming.<channel>.topic} of its configuration and the {@link #OTHER_CONSUMED_TOPICS}, i.e.
     * the files it is fed from.
     */
    public static Set<String> consumedTopics() {
        Set<String> topics = new TreeSet<>();
        for (String name : ConfigProvider.getConfig().getPropertyNames()) {
            if (name.startsWith("mp.messaging.incoming.") && name.endsWith(".topic")) {
                topics.add(ConfigProvider.getConfig().getValue(name, String.class));
            }
        }
        ConfigProvider.getConfig().getOptionalValues(OTHER_CONSUMED_TOPICS, String.class).ifPresent(topics::addAll);
        return topics;
    }
}
