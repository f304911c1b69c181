using System.CommandLine;
using ActorKeys.Actors.Configuration;
using ActorKeys.Cli.Text;

namespace ActorKeys.Cli.Commands;

/// <summary>Options several commands share, with the same names, defaults and descriptions everywhere.</summary>
public static class CommonOptions
{
    // The defaults live in reference.conf only; init and provision read no configuration file, so they take them from there.
    public static readonly string DefaultMasterKey = ActorKeysSettings.ReferenceConfig.GetString("actorkeys.server.master-key-path");
    public static readonly string DefaultKeystores = ActorKeysSettings.ReferenceConfig.GetString("actorkeys.client.keystore-folder");

    public static Option<string> MasterKey() => new("--master-key")
    {
        Description = "The master key file.",
        DefaultValueFactory = _ => DefaultMasterKey,
        HelpName = "FILE",
    };

    public static Option<string> Keystores(bool withDefault = true) => new("--keystores")
    {
        Description = withDefault ? "The folder of keystore_id_<id>.json files." : "The folder of keystore_id_<id>.json files [default: actorkeys.client.keystore-folder, keystores].",
        DefaultValueFactory = withDefault ? _ => DefaultKeystores : null,
        HelpName = "FOLDER",
    };

    public static Option<bool> Protect(string what) => new("--protect")
    {
        Description = $"Seal {what} (each password asked twice on a terminal, else one line of standard input each).",
    };

    public static Option<bool> PasswordPerKeystore() => new("--password-per-keystore")
    {
        Description = "With --protect, ask a password for each keystore instead of one for all of them.",
    };

    /// <summary>Akka's log level for this command's actor system, as <c>ConfigOverrides.LogLevel</c> takes it; null when not given.</summary>
    public static Option<string?> LogLevel(string defaultLevel)
    {
        var option = new Option<string?>("--log-level")
        {
            Description = $"How much to log on standard error: debug, info, warning or error [default: {defaultLevel}].",
            HelpName = "LEVEL",
        };
        // One sentence, as every usage error is (the parser's own list of choices takes five lines).
        option.Require(value => value is null or "debug" or "info" or "warning" or "error",
            Strings.LogLevelChoices);
        return option;
    }

    /// <summary>debug|info|warning|error as Akka spells it (DEBUG, INFO, WARNING, ERROR).</summary>
    public static string? AkkaLogLevel(string? level) => level?.ToUpperInvariant();

    /// <summary>The registry file; when not given, actorkeys.server.registry-path, or actorkeys.db beside the master key.</summary>
    public static Option<string?> Registry() => new("--registry")
    {
        Description = "The registry file [default: actorkeys.server.registry-path, or actorkeys.db beside the master key].",
        HelpName = "FILE",
    };

    public static Option<string?> Config(string defaultFile) => new("--config")
    {
        Description = $"A HOCON file [default: {defaultFile} when it exists, else the embedded defaults].",
        HelpName = "FILE",
    };
}
