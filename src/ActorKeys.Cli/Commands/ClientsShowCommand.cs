using System.CommandLine;
using System.Globalization;
using ActorKeys.Actors.Registry;
using ActorKeys.Cli.Errors;
using ActorKeys.Cli.Text;

namespace ActorKeys.Cli.Commands;

/// <summary><c>actorkeys clients show ID</c>: one client, with its audit entries.</summary>
public static class ClientsShowCommand
{
    public static Command Create()
    {
        var options = new RegistryOptions();
        var id = new Argument<string>("ID") { Description = "The client id." };
        var command = new Command("show", "Show one client and its audit entries.") { id };
        options.AddTo(command, withMasterKey: true);
        command.SetAction(parse =>
        {
            var clientId = parse.GetValue(id)!;
            using var registry = options.Open(parse);
            var snapshot = registry.ReadSnapshot();
            var client = snapshot.Client(clientId)
                ?? throw RegistryErrorReport.Exception(RegistryError.UnknownClient, registry.Path, clientId);
            Console.WriteLine(Strings.ClientSummary(RegistryText.Id(client.ClientId), client.CurrentEpoch, client.MinimumEpoch,
                RegistryText.State(client), RegistryText.Time(client.Issued), RegistryText.Issuer(client, snapshot), RegistryText.Time(client.LastSeen)));
            Console.WriteLine(Strings.AuditHeading);
            foreach (var entry in registry.Audit(clientId))
            {
                Console.WriteLine(Strings.AuditLine(RegistryText.Time(entry.At), entry.Action,
                    entry.Epoch?.ToString(CultureInfo.InvariantCulture) ?? "-", entry.KeyId ?? "-"));
            }
        });
        return command;
    }
}
