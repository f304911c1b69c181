using System.CommandLine;
using ActorKeys.Actors.Configuration;
using ActorKeys.Actors.Registry;
using ActorKeys.Cli.Hocon;

namespace ActorKeys.Cli.Commands;

/// <summary>
/// The options of every <c>clients</c> and <c>master</c> command: <c>--registry</c>, <c>--config</c> (the server's HOCON,
/// whose <c>actorkeys.server.registry-path</c> and <c>master-key-path</c> apply) and <c>--master-key</c>; the command
/// line wins over the file, the file over the defaults (the registry beside the master key).
/// </summary>
public sealed class RegistryOptions
{
    public Option<string?> Registry { get; } = CommonOptions.Registry();

    public Option<string?> Config { get; } = CommonOptions.Config(CliConfig.DefaultServerConfig);

    public Option<string?> MasterKey { get; } = new("--master-key")
    {
        Description = "The master key file [default: actorkeys.server.master-key-path, server.key].",
        HelpName = "FILE",
    };

    /// <summary>Adds the options; <paramref name="withMasterKey"/> for the commands that read or change the master key file.</summary>
    public void AddTo(Command command, bool withMasterKey)
    {
        command.Options.Add(Registry);
        command.Options.Add(Config);
        if (withMasterKey)
        {
            command.Options.Add(MasterKey);
        }
    }

    /// <summary>The full paths of the registry and the master key file this command line means.</summary>
    public (string Registry, string MasterKey) Paths(ParseResult parse)
    {
        var config = CliConfig.Server(parse.GetValue(Config), port: null, masterKeyPath: parse.GetValue(MasterKey));
        var registry = parse.GetValue(Registry) is { } given ? Path.GetFullPath(given) : RegistryPaths.Resolve(config);
        return (registry, Path.GetFullPath(ServerSettings.From(config).MasterKeyPath));
    }

    public RegistryStore Open(ParseResult parse) => RegistryStore.Open(Paths(parse).Registry);
}
