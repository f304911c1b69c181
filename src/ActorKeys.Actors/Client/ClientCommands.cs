namespace ActorKeys.Actors.Client;

/// <summary>Seal <see cref="Text"/> and send it to the server; sent as soon as the session is established.</summary>
public sealed record Send(string Text);

/// <summary>Send a <c>close</c> record (when established) and stop.</summary>
public sealed record Disconnect
{
    public static readonly Disconnect Instance = new();
}
