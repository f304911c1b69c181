using ActorKeys.Testing;

namespace ActorKeys.Cli.Tests;

/// <summary>
/// The seed's flow in European Portuguese, chosen by <c>--lang pt</c> and, separately, by the locale (<c>LANG</c>):
/// the seed's own Portuguese lines, exactly, on the server and on each client.
/// </summary>
[Collection(nameof(CliCollection))]
public sealed class PortugueseSeedTranscriptTests
{
    private static readonly Dictionary<string, string> NoEnvironment = [];

    [Fact]
    public Task Lang_pt_gives_the_seed_flow_in_portuguese() =>
        SeedFlowInPortugueseAsync(NoEnvironment, ["--lang", "pt"]);

    [Fact]
    public Task LANG_pt_PT_gives_the_seed_flow_in_portuguese() =>
        SeedFlowInPortugueseAsync(new() { ["LANG"] = "pt_PT.UTF-8" }, []);

    private static async Task SeedFlowInPortugueseAsync(Dictionary<string, string> environment, string[] lang)
    {
        using var folder = new TempFolder();
        var init = await CliProcess.RunAsync(folder.Path, "", environment, ["init", .. lang]);
        Expect.Success(init);
        Assert.Contains(init.Stdout, line => line.StartsWith("Chave mestra escrita: ") && line.Contains(folder.File("server.key")));
        Assert.Contains(init.Stdout, line => line.StartsWith("Keystore do cliente '1' escrito: ") && line.EndsWith("proteção nenhuma)"));

        await using var server = CliProcess.Start(folder.Path, environment, ["server", "--port", "0", .. lang]);
        var banner = await server.WaitForLineAsync(@"^A servir em akka\.tcp://actorkeys-server@127\.0\.0\.1:(\d+) \(Ctrl\+C para terminar\)$");
        var address = $"127.0.0.1:{banner.Groups[1].Value}";

        foreach (var (id, text) in new[] { ("1", "ola"), ("2", "bom dia") })
        {
            var client = await CliProcess.RunAsync(folder.Path, $"{id}\n{text}\n", environment, ["client", "--server", address, .. lang]);

            Expect.Success(client);
            // From a pipe each prompt ends its own line, so the whole output is the seed's lines in order.
            Assert.Equal(
                [
                    "Conexão estabelecida com o servidor",
                    "Digite o seu id:",
                    "Chave de sessão verificada com sucesso",
                    "Escreva a 1ª mensagem a enviar:",
                    $"Mensagem recebida: '{text}'",
                    "Escreva a 2ª mensagem a enviar:",
                ],
                client.Stdout);
        }
        await server.WaitForLineAsync("^Utilizador '2' : 'bom dia'$");

        server.Terminate();
        Assert.Equal(0, await server.WaitForExitAsync());
        Assert.Equal([banner.Value, "Utilizador '1' : 'ola'", "Utilizador '2' : 'bom dia'"], server.Stdout);
    }
}
