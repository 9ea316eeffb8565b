package io.shopstreams.service;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The runnable jars' command line: {@code [--config FILE]}. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ServiceMainTest {
    @TempDir
    Path dir;

    @Test
    void without_arguments_the_environment_is_used_as_is() {
        assertThat(ServiceMain.environment(new String[0], Map.of("HTTP_PORT", "1")))
                .isEqualTo(Map.of("HTTP_PORT", "1"));
    }

    @Test
    void config_names_the_properties_file_over_the_environment_variable() throws IOException {
        Path file = Files.writeString(dir.resolve("cart.properties"), "http.port=9000\n");
        Map<String, String> env = Map.of(ServiceConfig.CONFIG_FILE, "/elsewhere.properties");

        assertThat(ServiceMain.environment(new String[]{"--config", file.toString()}, env))
                .containsEntry(ServiceConfig.CONFIG_FILE, file.toString());
        assertThat(ServiceMain.environment(new String[]{"--config=" + file}, env))
                .containsEntry(ServiceConfig.CONFIG_FILE, file.toString());
        ServiceSettings settings = ServiceSettings.from(ServiceConfig.load("cart-stream",
                ServiceMain.environment(new String[]{"--config", file.toString()}, Map.of()),
                ServiceSettings.defaults("cart-stream", 7070)));
        assertThat(settings.httpPort()).isEqualTo(9000);
    }

    @Test
    void a_missing_file_fails_with_one_line() {
        Path missing = dir.resolve("missing.properties");

        assertThatThrownBy(() -> ServiceMain.environment(new String[]{"--config", missing.toString()}, Map.of()))
                .isInstanceOf(ServiceConfig.ConfigException.class)
                .hasMessage("--config: cannot read " + missing + " (no such file)");
    }

    @Test
    void config_without_a_file_or_another_argument_fails() {
        assertThatThrownBy(() -> ServiceMain.environment(new String[]{"--config"}, Map.of()))
                .isInstanceOf(ServiceConfig.ConfigException.class)
                .hasMessage("--config needs a file: --config FILE");
        assertThatThrownBy(() -> ServiceMain.environment(new String[]{"--verbose"}, Map.of()))
                .isInstanceOf(ServiceConfig.ConfigException.class)
                .hasMessageStartingWith("unknown argument \"--verbose\"");
    }
}
