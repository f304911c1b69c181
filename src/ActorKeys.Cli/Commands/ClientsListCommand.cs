using System.CommandLine;
using System.Text.Json;
using ActorKeys.Actors.Registry;
using ActorKeys.Cli.Text;

namespace ActorKeys.Cli.Commands;

/// <summary><c>actorkeys clients list</c>: every client in the registry, and the master keys, as a table or JSON.</summary>
public static class ClientsListCommand
{
    public static Command Create()
    {
        var options = new RegistryOptions();
        var json = new Option<bool>("--json") { Description = "Print JSON (field names and states in English) instead of a table." };
        var command = new Command("list", "List every client: current epoch, minimum valid epoch, state, issued, last seen, issuing master key.") { json };
        options.AddTo(command, withMasterKey: true);
        command.SetAction(parse =>
        {
            using var registry = options.Open(parse);
            var snapshot = registry.ReadSnapshot();
            Console.Out.Write(parse.GetValue(json) ? Json(snapshot) : Table(snapshot));
        });
        return command;
    }

    private static string Table(RegistrySnapshot snapshot)
    {
        var rows = new List<string[]> { Strings.ClientsListHeader.Split('\t') };
        rows.AddRange(snapshot.Clients.Select(c => new[]
        {
            RegistryText.Id(c.ClientId), c.CurrentEpoch.ToString(System.Globalization.CultureInfo.InvariantCulture),
            c.MinimumEpoch.ToString(System.Globalization.CultureInfo.InvariantCulture), RegistryText.State(c),
            RegistryText.Time(c.Issued), RegistryText.Time(c.LastSeen), RegistryText.Issuer(c, snapshot),
        }));
        var text = new System.Text.StringBuilder();
        if (snapshot.Clients.Count == 0)
        {
            text.AppendLine(Strings.NoClients);
        }
        else
        {
            var widths = Enumerable.Range(0, rows[0].Length).Select(i => rows.Max(r => r[i].Length)).ToArray();
            foreach (var row in rows)
            {
                text.AppendLine(string.Join("  ", row.Select((cell, i) => cell.PadRight(widths[i]))).TrimEnd());
            }
        }
        text.AppendLine(Strings.MasterKeysHeading);
        foreach (var key in snapshot.MasterKeys.Values.OrderBy(k => k.Created).ThenBy(k => k.KeyId, StringComparer.Ordinal))
        {
            text.AppendLine(Strings.MasterKeyLine(key.KeyId, RegistryText.State(key.State), RegistryText.Time(key.Changed)));
        }
        return text.ToString();
    }

    private static string Json(RegistrySnapshot snapshot)
    {
        var document = new
        {
            clients = snapshot.Clients.Select(c => new
            {
                id = c.ClientId,
                epoch = c.CurrentEpoch,
                minimumEpoch = c.MinimumEpoch,
                state = c.Revoked ? "revoked" : "active",
                issued = RegistryText.Time(c.Issued),
                lastSeen = c.LastSeen is { } seen ? RegistryText.Time(seen) : null,
                issuedBy = c.IssuedBy,
                issuerState = snapshot.MasterKeys.TryGetValue(c.IssuedBy, out var key) ? Name(key.State) : null,
            }),
            masterKeys = snapshot.MasterKeys.Values.OrderBy(k => k.Created).Select(k => new
            {
                keyId = k.KeyId,
                state = Name(k.State),
                created = RegistryText.Time(k.Created),
                changed = RegistryText.Time(k.Changed),
            }),
        };
        return JsonSerializer.Serialize(document, new JsonSerializerOptions { WriteIndented = true }) + Environment.NewLine;
    }

    private static string Name(MasterKeyState state) => state.ToString().ToLowerInvariant();
}
