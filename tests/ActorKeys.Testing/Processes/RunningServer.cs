namespace ActorKeys.Testing;

/// <summary>
/// Shared by the client error tests: a folder after <c>actorkeys init</c> and a server on a free port, started once
/// for the class (each start costs a runtime and an actor system) and stopped with SIGTERM at the end.
/// </summary>
public sealed class RunningServer : IAsyncLifetime
{
    private CliProcess? _server;

    public TempFolder Folder { get; } = new();

    /// <summary>HOST:PORT for --server.</summary>
    public string Address { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var init = await CliProcess.RunAsync(Folder.Path, "", "init");
        Expect.Success(init);
        _server = CliProcess.Start(Folder.Path, "server", "--port", "0");
        var banner = await _server.WaitForLineAsync(@"^Serving on akka\.tcp://actorkeys-server@(127\.0\.0\.1:\d+) ");
        Address = banner.Groups[1].Value;
    }

    public Task<CliResult> ClientAsync(string input, params string[] args) =>
        CliProcess.RunAsync(Folder.Path, input, ["client", "--server", Address, .. args]);

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
        Folder.Dispose();
    }
}
