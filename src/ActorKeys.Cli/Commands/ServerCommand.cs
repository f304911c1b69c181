using Akka.Configuration;
using System.CommandLine;
using ActorKeys.Actors.Configuration;
using ActorKeys.Actors.Registry;
using ActorKeys.KeyStore;
using ActorKeys.Actors.Hosting;
using ActorKeys.Actors.Text;
using ActorKeys.Cli.Errors;
using ActorKeys.Cli.Hocon;
using ActorKeys.Cli.Terminal;
using ActorKeys.Protocol.Keys;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ActorKeys.Cli.Text;

namespace ActorKeys.Cli.Commands;

/// <summary><c>actorkeys server</c>: serves until Ctrl+C or SIGTERM, printing each message as the seed does.</summary>
public static class ServerCommand
{
    public static Command Create()
    {
        var config = CommonOptions.Config(CliConfig.DefaultServerConfig);
        var masterKey = new Option<string?>("--master-key")
        {
            Description = "The master key file [default: actorkeys.server.master-key-path, server.key].",
            HelpName = "FILE",
        };
        var port = new Option<int?>("--port") { Description = "The port to listen on; 0 picks a free one.", HelpName = "N" };
        port.Require(value => value is null or (>= 0 and <= 65535), Strings.PortOutOfRange);
        var logLevel = CommonOptions.LogLevel("warning");
        var healthFile = new Option<string?>("--health-file")
        {
            Description = "Keep the server's health in this file, rewritten every 2 seconds and deleted when the server stops.",
            HelpName = "FILE",
        };
        var command = new Command("server", "Run the server: authenticate clients and echo their messages.") { config, masterKey, port, logLevel, healthFile };
        command.SetAction((parse, _) => RunAsync(parse.GetValue(config), parse.GetValue(masterKey), parse.GetValue(port),
            parse.GetValue(logLevel), parse.GetValue(healthFile)));
        return command;
    }

    private static async Task RunAsync(string? configFile, string? masterKeyPath, int? port, string? logLevel, string? healthFile)
    {
        var config = CliConfig.Server(configFile, port, masterKeyPath, CommonOptions.AkkaLogLevel(logLevel));
        HealthFileChecks.Check(healthFile);
        var masterKeyFile = ServerSettings.From(config).MasterKeyPath;
        // Newest first: the current key unless the registry names another. Every key is handed to the server, which zeroes them.
        var ring = MasterKeys.LoadRing(masterKeyFile, new UserInput(), out var password).Reverse().ToList();
        var registryPath = RegistrySettings.From(config).Path;
        try
        {
            // Refused before anything listens: a missing, unsafe or damaged registry is one sentence (exit 3), never "accept every epoch".
            RegistryStore.Open(registryPath).Dispose();
        }
        catch
        {
            ring.ForEach(k => k.Dispose());
            throw;
        }
        var host = await StartAsync(config, ring[0], healthFile: healthFile is null ? null : Path.GetFullPath(healthFile), retiring: ring.Skip(1).ToList(),
            registryPath: registryPath,
            // An unsealed file is read again for a key added by 'master rotate' while the server runs; a sealed one needs a restart.
            reload: password is null ? () => MasterKeyFile.LoadRing(masterKeyFile) : null);
        await using (host)
        {
            Console.WriteLine(Strings.ServingOn(host.Address.ToString()));
            if (host.Core is { } core)
            {
                Console.WriteLine(Strings.ClusterCoreOn(core.Address.ToString()));
            }
            // The generic host's console lifetime turns Ctrl+C and SIGTERM into ApplicationStopping; Akka.Hosting stops
            // the actor system when the host is disposed below, and the command then returns 0.
            var lifetime = host.Host.Services.GetRequiredService<IHostApplicationLifetime>();
            await Task.Delay(Timeout.Infinite, lifetime.ApplicationStopping).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    public static async Task<ActorKeysHost> StartAsync(Config config, MasterSecret master, Action<string>? output = null, string? healthFile = null,
        IReadOnlyList<MasterSecret>? retiring = null, string? registryPath = null, Func<IReadOnlyList<MasterSecret>>? reload = null)
    {
        var configuredPort = config.GetInt("akka.remote.dot-netty.tcp.port");
        try
        {
            if (PortProbe.IsInUse(config.GetString("akka.remote.dot-netty.tcp.hostname"), configuredPort))
            {
                throw PortInUse(configuredPort);
            }
            return await QuietStart.RunAsync(() => ActorKeysHost.StartServerAsync(new ActorKeysServerOptions
            {
                Config = config,
                MasterSecret = master,
                RetiringMasterKeys = retiring ?? [],
                RegistryPath = registryPath,
                ReloadMasterKeys = reload,
                Output = output ?? WriteLine,
                HealthFile = healthFile,
                Format = message => Strings.UserSaid(message.ClientId, Printable.Escape(message.Text)),
            }));
        }
        catch (Exception e) when (ErrorReport.IsAddressInUse(e))
        {
            DisposeAll(master, retiring);
            throw PortInUse(configuredPort, e);
        }
        catch
        {
            DisposeAll(master, retiring);
            throw;
        }
    }

    private static void DisposeAll(MasterSecret master, IReadOnlyList<MasterSecret>? retiring)
    {
        master.Dispose();
        foreach (var key in retiring ?? [])
        {
            key.Dispose();
        }
    }

    private static CliException PortInUse(int port, Exception? cause = null) => new(ExitCode.PortInUse, Strings.PortInUse(port), cause);

    /// <summary>One line per message, flushed at once so a reader at the end of a pipe sees it immediately.</summary>
    private static void WriteLine(string line)
    {
        Console.Out.WriteLine(line);
        Console.Out.Flush();
    }
}
