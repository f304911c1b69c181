using System.Reflection;
using System.Text.Json.Nodes;
using ActorKeys.Testing;

namespace ActorKeys.Cli.Tests;

/// <summary>
/// The installable tool: <c>dotnet pack</c> makes the ActorKeys.Cli package, <c>dotnet tool install</c> installs it
/// from a local folder, and the installed <c>actorkeys demo</c> runs the seed's flow, libsodium included. Nothing is
/// fetched: the package is packed from this build (no restore), the install sees only the local folder, and its
/// package cache is a temporary one (so a stale ActorKeys.Cli of the same version elsewhere cannot stand in for it).
/// </summary>
[Collection(nameof(CliCollection))]
public sealed class ToolPackageTests
{
    private const string PackageId = "ActorKeys.Cli";

    /// <summary>Packing and installing on two shared cores take several seconds each.</summary>
    private static readonly TimeSpan Slow = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task The_packed_tool_installs_from_a_local_folder_runs_the_demo_and_keeps_the_thread_pool_from_spinning_long()
    {
        using var folder = new TempFolder();
        var packages = folder.File("pkg");
        var tools = folder.File("tool");
        var environment = new Dictionary<string, string>
        {
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
            ["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1",
            ["NUGET_PACKAGES"] = folder.File("nuget-cache"),
        };

        var pack = await CliProcess.RunExecutableAsync("dotnet", Slow, folder.Path, environment,
            "pack", Path.Combine(Metadata("RepositoryRoot"), "src", "ActorKeys.Cli"), "--configuration", Metadata("Configuration"),
            "--no-build", "--output", packages, $"-p:PublishDir={folder.File("publish")}/");
        Expect.Success(pack);
        var package = Assert.Single(Directory.GetFiles(packages, $"{PackageId}.*.nupkg"));
        var version = Path.GetFileNameWithoutExtension(package)[(PackageId.Length + 1)..];

        File.WriteAllText(folder.File("nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{packages}" />
              </packageSources>
            </configuration>
            """);
        var install = await CliProcess.RunExecutableAsync("dotnet", Slow, folder.Path, environment,
            "tool", "install", "--tool-path", tools, "--configfile", folder.File("nuget.config"), "--add-source", packages,
            PackageId, "--version", version);
        Expect.Success(install);
        // As installed, the program runs with little thread-pool spinning (src/ProgramRuntime.props, README Performance).
        var runtimeConfig = Assert.Single(Directory.GetFiles(tools, "actorkeys.runtimeconfig.json", SearchOption.AllDirectories));
        var properties = JsonNode.Parse(File.ReadAllText(runtimeConfig))!["runtimeOptions"]!["configProperties"]!;
        Assert.Equal(10, properties["System.Threading.ThreadPool.UnfairSemaphoreSpinLimit"]?.GetValue<int>());

        // The tool's launcher finds the runtime through DOTNET_ROOT: the one running these tests.
        environment["DOTNET_ROOT"] = DotnetRoot();
        var demo = await CliProcess.RunExecutableAsync(Path.Combine(tools, "actorkeys"), CliProcess.Generous, folder.Path, environment, "demo");

        Expect.Success(demo);
        Assert.Equal("[demo] Both clients verified their session keys and received their echoes.", demo.Stdout[^1]);
        Assert.Contains("[server] User '1': 'ola'", demo.Stdout);
    }

    private static string Metadata(string key) =>
        typeof(ToolPackageTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
        ?? throw new InvalidOperationException($"No {key} in the test assembly's metadata.");

    /// <summary>The folder holding shared/Microsoft.NETCore.App/VERSION/, where this runtime's core library lives.</summary>
    private static string DotnetRoot() =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "..", "..", ".."));
}
