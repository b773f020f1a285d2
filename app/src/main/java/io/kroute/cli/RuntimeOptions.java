package io.kroute.cli;

import io.kroute.runtime.RuntimeConfig;
import io.kroute.runtime.Setting;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

/**
 * Where kroute's cluster, data and endpoints are: the options shared by {@code run}, {@code demo} and
 * {@code weights publish}, one per {@link Setting} (added by {@link SettingFlags}) and {@code --config}. A flag
 * given here beats {@code KROUTE_*} variables, which beat the config file.
 */
@Command(modelTransformer = RuntimeOptions.SettingFlags.class)
public final class RuntimeOptions {

    @Option(names = "--config", paramLabel = "FILE",
            description = "Properties file: kroute.* settings and any Kafka client or Streams property.")
    Path configFile;

    /** Property to text, for the settings' flags given on the command line. */
    private final Map<String, String> flags = new LinkedHashMap<>();

    /** Resolves the configuration from defaults, the config file, {@code environment} and these flags. */
    public RuntimeConfig resolve(Map<String, String> environment) {
        return resolve(environment, Map.of());
    }

    /** As {@link #resolve(Map)}, with a command's own defaults below everything the user sets. */
    public RuntimeConfig resolve(Map<String, String> environment, Map<String, String> commandDefaults) {
        return RuntimeConfig.resolve(commandDefaults, configFile, environment, flags);
    }

    /**
     * Adds a flag for every setting to the command that mixes these options in. Picocli runs it on that
     * command's model, built from the annotations, before parsing.
     */
    public static final class SettingFlags implements IModelTransformer {
        @Override
        public CommandSpec transform(CommandSpec spec) {
            Map<String, String> flags = owner(spec).flags;
            for (Setting<?> setting : Setting.values()) {
                spec.addOption(option(setting, flags));
            }
            return spec;
        }

        private static RuntimeOptions owner(CommandSpec spec) {
            if (spec.userObject() instanceof RuntimeOptions options) {
                return options;
            }
            return spec.mixins().values().stream().map(CommandSpec::userObject)
                    .filter(RuntimeOptions.class::isInstance).map(RuntimeOptions.class::cast).findFirst()
                    .orElseThrow(() -> new IllegalStateException(spec.name() + " does not mix in RuntimeOptions"));
        }

        private static OptionSpec option(Setting<?> setting, Map<String, String> flags) {
            OptionSpec.Builder option = OptionSpec.builder(setting.flag());
            if (setting.flagValue().isPresent()) {
                return option.arity("0").type(boolean.class).description(setting.description())
                        .setter(new Recorder(flags, setting.property(), setting.flagValue().get())).build();
            }
            String defaultNote = setting.defaultValue().isEmpty() ? "" : " (default: " + setting.defaultValue() + ")";
            return option.paramLabel(setting.type().label()).type(String.class)
                    .description(setting.description() + defaultNote)
                    .setter(new Recorder(flags, setting.property(), null)).build();
        }
    }

    /** Records a flag's text (or, for a flag without a value, the text it stands for) under its property. */
    private static final class Recorder implements ISetter {
        private final Map<String, String> flags;
        private final String property;
        private final String switchedValue;

        Recorder(Map<String, String> flags, String property, String switchedValue) {
            this.flags = flags;
            this.property = property;
            this.switchedValue = switchedValue;
        }

        @Override
        public <T> T set(T value) {
            // Picocli also sets the initial value (null, or false for a flag without a value) before parsing.
            if (switchedValue != null && Boolean.TRUE.equals(value)) {
                flags.put(property, switchedValue);
            } else if (switchedValue == null && value != null) {
                flags.put(property, value.toString());
            }
            return null;
        }
    }
}
