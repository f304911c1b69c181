using System.Globalization;
using ActorKeys.Actors.Registry;
using ActorKeys.Cli.Text;

namespace ActorKeys.Cli.Commands;

/// <summary>How registry values are shown to people: times in UTC to the second, states in the chosen language.</summary>
public static class RegistryText
{
    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string Time(DateTimeOffset? at) => at is { } value ? Time(value) : Strings.Never;

    public static string State(ClientEntry client) => client.Revoked ? Strings.StateRevoked : Strings.StateActive;

    public static string State(MasterKeyState state) => state switch
    {
        MasterKeyState.Current => Strings.MasterStateCurrent,
        MasterKeyState.Retiring => Strings.MasterStateRetiring,
        _ => Strings.MasterStateRetired,
    };

    /// <summary>The issuing keyId, marked when that key is retiring (the client should get a keystore under the current one).</summary>
    public static string Issuer(ClientEntry client, RegistrySnapshot snapshot) =>
        snapshot.MasterKeys.TryGetValue(client.IssuedBy, out var key) && key.State != MasterKeyState.Current
            ? Strings.OnRetiringKey(client.IssuedBy)
            : client.IssuedBy;

    public static string Id(string id) => Actors.Text.Printable.Escape(id);
}
