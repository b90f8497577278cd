package dev.barfill.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The image build cannot run here (no Docker engine), so what breaks it is checked as text: Maven
 * refuses to start when a module the root pom lists has no pom, so the Dockerfile must copy the pom
 * of every module, and the sources of every module the app is built from.
 */
class DockerfileTest {
    private static final Path ROOT = Path.of("..");

    private static List<String> modules() throws Exception {
        Matcher m = Pattern.compile("<module>([^<]+)</module>").matcher(Files.readString(ROOT.resolve("pom.xml")));
        List<String> modules = new java.util.ArrayList<>();
        while (m.find()) {
            modules.add(m.group(1).trim());
        }
        return modules;
    }

    @Test
    void shouldCopyThePomOfEveryModuleTheRootPomLists() throws Exception {
        String dockerfile = Files.readString(ROOT.resolve("Dockerfile"));
        assertThat(modules()).isNotEmpty().allSatisfy(module ->
                assertThat(dockerfile).as("Dockerfile copies %s/pom.xml", module)
                        .contains("COPY " + module + "/pom.xml " + module + "/"));
    }

    @Test
    void shouldCopyTheSourcesOfEveryModuleTheAppDependsOn() throws Exception {
        String dockerfile = Files.readString(ROOT.resolve("Dockerfile"));
        String appPom = Files.readString(ROOT.resolve("app/pom.xml"));
        for (String module : modules()) {
            String artifact = Files.readString(ROOT.resolve(module).resolve("pom.xml"))
                    .replaceAll("(?s)<parent>.*?</parent>", "")
                    .replaceAll("(?s).*?<artifactId>([^<]+)</artifactId>.*", "$1");
            if (module.equals("app") || appPom.contains("<artifactId>" + artifact + "</artifactId>")) {
                assertThat(dockerfile).as("Dockerfile copies %s/src", module)
                        .contains("COPY " + module + "/src " + module + "/src");
            }
        }
    }

    @Test
    void shouldCompileTheTestClassesThatTheSharedTestJarsAreMadeOf() throws Exception {
        // core's and store's test-jars (the test clock, the test database) are built from test classes;
        // -Dmaven.test.skip would leave them unbuilt and the modules that use them unresolvable.
        assertThat(Files.readAllLines(ROOT.resolve("Dockerfile"))).filteredOn(line -> line.startsWith("RUN "))
                .anySatisfy(line -> assertThat(line).contains("mvn -B -q -DskipTests -pl app -am package"))
                .allSatisfy(line -> assertThat(line).doesNotContain("maven.test.skip"));
    }

    @Test
    void shouldRunTheRolesAsTheReadmeDocumentsThem() throws Exception {
        assertThat(Files.readString(ROOT.resolve("Dockerfile")))
                .contains("ENTRYPOINT [\"java\", \"-jar\", \"/opt/barfill/barfill.jar\"]");
    }
}
